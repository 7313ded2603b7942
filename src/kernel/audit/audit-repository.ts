import type { ColumnType, Generated } from 'kysely';
import { tables, type Db } from '../db/database.ts';
import type { Principal } from '../auth/principal.ts';

interface AuditTables {
  audit_log: {
    id: Generated<number>;
    at: Generated<Date>;
    actor_id: string | null;
    actor_role: string | null;
    actor_commune: string | null;
    action: string;
    object_type: string;
    object_id: string | null;
    outcome: 'succes' | 'refus' | 'echec';
    details: ColumnType<Record<string, unknown>, string, never>;
  };
}

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | null;
  outcome?: 'succes' | 'refus' | 'echec';
  /** Never personal data: identifiers and codes only. */
  details?: Record<string, unknown>;
}

/**
 * Append-only journal of agent actions (a trigger refuses updates and deletes). Write it in
 * the same transaction as the change it records, so both exist or neither does.
 */
export async function recordAudit(db: Db, actor: Principal | null, entry: AuditEntry) {
  await tables<AuditTables>(db)
    .insertInto('audit_log')
    .values({
      actor_id: actor?.userId ?? null,
      actor_role: actor?.role ?? actor?.kind ?? null,
      actor_commune: actor?.communeInsee ?? null,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId ?? null,
      outcome: entry.outcome ?? 'succes',
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Db, filter: { objectType?: string; actorId?: string; limit?: number } = {}) {
  let query = tables<AuditTables>(db).selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit ?? 100);
  if (filter.objectType) query = query.where('object_type', '=', filter.objectType);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  return query.execute();
}
