import { recordAudit, listAudit } from '@/db/queries/audit';
import { requestIp } from '@/lib/server/auth/action';
import { defineRoute } from '@/lib/server/auth/route';
import { toCsv } from '@/lib/csv';
import { auditFilterSchema, auditRange } from '@/lib/schemas/audit';

/** The filtered audit log as CSV (formula-safe). The export itself is audited. */
export const GET = defineRoute({ access: 'admin', query: auditFilterSchema }, async ({ db, user, query }) => {
  const database = await db();
  const rows = await listAudit(database, { ...auditRange(query), limit: 50_000 });
  await recordAudit(database, { actorId: user.id, action: 'audit.exported', targetType: 'audit_log', detail: { ...query, rows: rows.length }, ip: await requestIp() });
  const csv = toCsv(
    ['at', 'actor', 'actor_email', 'action', 'target_type', 'target_id', 'detail', 'ip'],
    rows.map((r) => [r.at, r.actorName ?? '', r.actorEmail ?? '', r.action, r.targetType, r.targetId ?? '', JSON.stringify(r.detail), r.ip ?? '']),
  );
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="nook-audit-log.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
});
