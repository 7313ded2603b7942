import { randomUUID } from 'node:crypto';
import { sql, type ColumnType, type Generated, type Selectable } from 'kysely';
import { tables, type Db } from '../db/database.ts';
import type { Channel, MessageTemplate, RenderedMessage } from './templates.ts';

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';

interface OutboxTables {
  notifications: {
    id: string;
    channel: Channel;
    recipient: string;
    template: string;
    template_version: number;
    values: ColumnType<Record<string, string>, string, string>;
    status: Generated<NotificationStatus>;
    attempts: Generated<number>;
    next_attempt_at: Generated<Date>;
    locked_until: Generated<Date | null>;
    last_error: Generated<string | null>;
    idempotency_key: string;
    delivered_by: Generated<string | null>;
    rendered: ColumnType<RenderedMessage | null, string | null, string | null>;
    created_at: Generated<Date>;
    sent_at: Generated<Date | null>;
  };
}

export interface NotificationRow {
  id: string;
  channel: Channel;
  recipient: string;
  template: string;
  templateVersion: number;
  values: Record<string, string>;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  deliveredBy: string | null;
  rendered: RenderedMessage | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * How long a sent message is kept (recipient, values, dev-mailbox copy) before it is deleted:
 * long enough to answer « I never received it », no longer. The privacy page states it.
 */
export const RETENTION_MESSAGES_ENVOYES_JOURS = 90;

/** Single-use links (`?jeton=…`) are secrets: once sent, only their path is kept. */
export const LIEN_RETIRE = 'retiré-après-envoi';
export function sansLiensSecrets(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.replace(/([?&]jeton=)[^&#\s]+/g, `$1${LIEN_RETIRE}`)]));
}

export interface EnqueueRequest<V extends Record<string, string>> {
  template: MessageTemplate<V>;
  recipient: string;
  values: V;
  /** Same key, same message: enqueuing twice (a retried request) yields one message. */
  idempotencyKey?: string;
}

/**
 * Writes a message as a row, inside the caller's transaction: if the change it reports is
 * rolled back, the message never existed. Only its id is ever handed to a worker.
 */
export async function enqueueNotification<V extends Record<string, string>>(db: Db, request: EnqueueRequest<V>): Promise<string> {
  const id = randomUUID();
  const inserted = await tables<OutboxTables>(db)
    .insertInto('notifications')
    .values({
      id,
      channel: request.template.channel,
      recipient: request.recipient,
      template: request.template.name,
      template_version: request.template.version,
      values: JSON.stringify(request.values),
      idempotency_key: request.idempotencyKey ?? id,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await tables<OutboxTables>(db)
    .selectFrom('notifications')
    .select('id')
    .where('idempotency_key', '=', request.idempotencyKey ?? id)
    .executeTakeFirstOrThrow();
  return existing.id;
}

function toRow(row: Selectable<OutboxTables['notifications']>): NotificationRow {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    templateVersion: row.template_version,
    values: row.values,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveredBy: row.delivered_by,
    rendered: row.rendered,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export function outboxRepository(db: Db) {
  const t = tables<OutboxTables>(db);
  return {
    /**
     * Claims up to `limit` due messages for one worker. SKIP LOCKED lets workers on several
     * instances claim in parallel without ever taking the same row; a claim expires after
     * `leaseSeconds`, so a message held by a crashed worker is picked up again. A message
     * never attempted is due at once, whatever the clocks say (the row's default time is the
     * database's, `now` is the application's); only retries wait for their back-off.
     */
    async claimDue(now: Date, limit: number, leaseSeconds: number): Promise<NotificationRow[]> {
      const lease = new Date(now.getTime() + leaseSeconds * 1000);
      const result = await sql<Selectable<OutboxTables['notifications']>>`
        update notifications set status = 'sending', locked_until = ${lease}, attempts = attempts + 1
        where id in (
          select id from notifications
          where (status = 'pending' and (attempts = 0 or next_attempt_at <= ${now}))
             or (status = 'sending' and locked_until < ${now})
          order by next_attempt_at
          limit ${limit}
          for update skip locked
        )
        returning *`.execute(db);
      return result.rows.map(toRow);
    },
    /**
     * Once sent, a message keeps no live single-use link: its values lose their tokens (a copy
     * of the database must not hand out working links). Only a channel that is itself the
     * mailbox (the development one) keeps the rendered copy, and it is deleted with the row.
     */
    async markSent(id: string, now: Date, deliveredBy: string, rendered: RenderedMessage | null, values: Record<string, string>) {
      await t
        .updateTable('notifications')
        .set({
          status: 'sent',
          sent_at: now,
          locked_until: null,
          last_error: null,
          delivered_by: deliveredBy,
          rendered: rendered === null ? null : JSON.stringify(rendered),
          values: JSON.stringify(sansLiensSecrets(values)),
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },
    async markRetry(id: string, nextAttemptAt: Date, error: string) {
      await t
        .updateTable('notifications')
        .set({ status: 'pending', next_attempt_at: nextAttemptAt, locked_until: null, last_error: error })
        .where('id', '=', id)
        .execute();
    },
    async markFailed(id: string, error: string) {
      await t.updateTable('notifications').set({ status: 'failed', locked_until: null, last_error: error }).where('id', '=', id).execute();
    },
    /** Puts a failed message back in the queue; false when it is not (or no longer) failed. */
    async retryFailed(id: string, now: Date): Promise<boolean> {
      const result = await t
        .updateTable('notifications')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now })
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async find(id: string) {
      const row = await t.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRow(row);
    },
    async list(filter: { status?: NotificationStatus; deliveredBy?: string; limit?: number } = {}) {
      let query = t.selectFrom('notifications').selectAll().orderBy('created_at', 'desc').limit(filter.limit ?? 100);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.deliveredBy) query = query.where('delivered_by', '=', filter.deliveredBy);
      return (await query.execute()).map(toRow);
    },
    /** Deletes the messages sent before `before`; returns how many went. */
    async purgeSent(before: Date): Promise<number> {
      const result = await t.deleteFrom('notifications').where('status', '=', 'sent').where('sent_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async backlog() {
      const row = await sql<{ pending: number; failed: number }>`
        select count(*) filter (where status in ('pending', 'sending'))::int as pending,
               count(*) filter (where status = 'failed')::int as failed
        from notifications`.execute(db);
      return row.rows[0] ?? { pending: 0, failed: 0 };
    },
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
