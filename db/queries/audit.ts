import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog, users } from '../schema';

export type AuditFilter = { action?: string; from?: Date; to?: Date; limit?: number };

/** The audit log, newest first, with who acted. */
export async function listAudit(db: Db, filter: AuditFilter = {}) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
      ip: auditLog.ip,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        filter.from ? gte(auditLog.at, filter.from) : undefined,
        filter.to ? lt(auditLog.at, filter.to) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit ?? 500);
}

export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

export async function recordAudit(db: Db, entry: { actorId: string | null; action: string; targetType: string; targetId?: string | null; detail?: Record<string, unknown>; ip?: string | null }) {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? {},
    ip: entry.ip ?? null,
    at: sql`now()`,
  });
}
