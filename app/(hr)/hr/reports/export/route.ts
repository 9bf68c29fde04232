import { recordAudit } from '@/db/queries/audit';
import { complianceReport, usageReport } from '@/db/queries/reports';
import { requestIp } from '@/lib/server/auth/action';
import { defineRoute } from '@/lib/server/auth/route';
import { toCsv } from '@/lib/csv';
import { checklistTable, exportQuerySchema, heatmapTable, keyTable, needsTable, requestsTable, utilisationTable } from '../tables';

/**
 * One report table as CSV (formula-safe cells), for HR and admins. Same filters as the pages,
 * same <5 rule; no names, emails or ids. Each export is written to the audit log.
 */
export const GET = defineRoute({ access: 'hr', query: exportQuerySchema }, async ({ db, user, query }) => {
  const database = await db();
  const now = new Date();
  const { table, ...filters } = query;
  const compliance = table === 'checklist' || table === 'needs';
  const t = compliance
    ? (table === 'checklist' ? checklistTable : needsTable)(await complianceReport(database, filters, now))
    : { key: keyTable, utilisation: utilisationTable, heatmap: heatmapTable, requests: requestsTable }[table](await usageReport(database, filters, now));
  await recordAudit(database, { actorId: user.id, action: 'report.exported', targetType: 'report', targetId: table, detail: { ...filters, rows: t.rows.length }, ip: await requestIp() });
  return new Response(toCsv(t.header, t.rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="nook-${table}-${filters.from}-to-${filters.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
