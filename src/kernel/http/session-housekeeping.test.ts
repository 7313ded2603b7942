import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import type { Principal } from '../auth/principal.ts';
import { sessionRepository } from '../auth/session-repository.ts';
import type { Db } from '../db/database.ts';
import { migrate } from '../db/migrator.ts';
import { LIEN_RETIRE, RETENTION_MESSAGES_ENVOYES_JOURS } from '../notifications/outbox-repository.ts';
import { createTestApp, openTestDatabase, testConfig } from '../testing/test-app.ts';
import { TestClient } from '../testing/test-client.ts';
import { MAX_WINDOW_SECONDS, rateLimiter } from './rate-limit.ts';
import { sessionHousekeeping } from './session-housekeeping.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = new Date('2026-03-02T08:00:00Z');

async function insertUser(db: Db) {
  const email = `menage.${randomUUID().slice(0, 8)}@exemple.fr`;
  const row = await db
    .insertInto('users')
    .values({ kind: 'usager', email, email_normalized: email, display_name: 'Camille Ménage', status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id as string;
}

function principalOf(userId: string): Principal {
  return { userId, kind: 'usager', role: null, communeInsee: null, departement: null, displayName: 'Camille Ménage' };
}

async function sessionIds(db: Db) {
  const rows = await db.selectFrom('sessions').select('id_hash').execute();
  return rows.map((row) => row.id_hash as string).sort();
}

async function counterKeys(db: Db) {
  const rows = await db.selectFrom('rate_limits').select('key').execute();
  return rows.map((row) => row.key as string).sort();
}

/**
 * Seeds, as of `now`, one session of each kind (live, idle too long, past its absolute end
 * while still active) and rate-limit counters (current, recent but over, older than any window).
 */
async function seed(db: Db, now: Date, idleMinutes: number) {
  const sessions = sessionRepository(db);
  const userId = await insertUser(db);
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const tag = randomUUID().slice(0, 8);
  // Live: opened an hour ago, seen a minute ago, ends in eleven hours.
  await sessions.insert(`vivante-${tag}`, principalOf(userId), at(-HOUR), at(11 * HOUR));
  await sessions.touch(`vivante-${tag}`, at(-MINUTE));
  // Idle: last seen one minute more than the idle limit ago.
  await sessions.insert(`inactive-${tag}`, principalOf(userId), at(-(idleMinutes + 1) * MINUTE), at(11 * HOUR));
  // Past its absolute end a minute ago, although seen a minute ago.
  await sessions.insert(`echue-${tag}`, principalOf(userId), at(-12 * HOUR - MINUTE), at(-MINUTE));
  await sessions.touch(`echue-${tag}`, at(-MINUTE));

  const counterAt = (offsetMs: number) => rateLimiter(db, () => at(offsetMs));
  await counterAt(0).hit(`courant-${tag}`, 5, 15 * 60);
  await counterAt(-2 * HOUR).hit(`recent-${tag}`, 5, 3600);
  await counterAt(-MAX_WINDOW_SECONDS * 1000 - HOUR).hit(`ancien-${tag}`, 5, 3600);
  return tag;
}

describe('session and rate-limit housekeeping', () => {
  let built: GuichetApp;
  let clock = START;
  beforeAll(async () => {
    built = await createTestApp({ now: () => clock });
  });
  afterAll(async () => {
    await built.app.close();
  });

  it('deletes idle and expired sessions and finished counters, and keeps the live ones', async () => {
    clock = new Date(START.getTime() + 3 * HOUR);
    const idleMinutes = 30;
    const tag = await seed(built.db, clock, idleMinutes);
    const housekeeping = sessionHousekeeping({ sessions: sessionRepository(built.db), rateLimiter: rateLimiter(built.db, () => clock), now: () => clock, sessionIdleMinutes: idleMinutes });

    const purged = await housekeeping.runOnce();

    expect(purged.sessions).toBeGreaterThanOrEqual(2);
    const sessions = await sessionIds(built.db);
    expect(sessions).toContain(`vivante-${tag}`);
    expect(sessions).not.toContain(`inactive-${tag}`);
    expect(sessions).not.toContain(`echue-${tag}`);
    const counters = await counterKeys(built.db);
    expect(counters).toContain(`courant-${tag}`);
    expect(counters).toContain(`recent-${tag}`);
    expect(counters).not.toContain(`ancien-${tag}`);
    // The live session still opens pages' worth of lookups.
    expect(await sessionRepository(built.db).findActive(`vivante-${tag}`, clock, new Date(clock.getTime() - idleMinutes * MINUTE))).toBeDefined();
  });

  it('refuses a counter window longer than what housekeeping keeps', async () => {
    const limiter = rateLimiter(built.db, () => clock);
    await expect(limiter.hit('trop-long', 5, MAX_WINDOW_SECONDS + 1)).rejects.toThrow(RangeError);
    await expect(limiter.attempt([{ key: 'trop-long', limit: 5, windowSeconds: MAX_WINDOW_SECONDS + 1 }], () => Promise.resolve(true), () => true)).rejects.toThrow(RangeError);
    expect((await limiter.hit('assez-court', 5, MAX_WINDOW_SECONDS)).allowed).toBe(true);
  });
});

describe('housekeeping wiring', () => {
  const now = new Date(START.getTime() + 5 * HOUR);
  let withWorker: GuichetApp;
  let tag: string;
  beforeAll(async () => {
    // Expired rows are already there when the process starts.
    const database = await openTestDatabase();
    await migrate(database.db);
    tag = await seed(database.db, now, testConfig().sessionIdleMinutes);
    withWorker = await createTestApp({ database, now: () => now, runWorker: true });
  });
  afterAll(async () => {
    await withWorker?.app.close();
  });

  async function waitUntil(done: () => Promise<boolean>) {
    // Bounded wait for the first pass, which starts with the process; what it did is checked after.
    for (let attempt = 0; attempt < 200 && !(await done()); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('runs in the process that runs the message worker, from its start', async () => {
    await waitUntil(async () => !(await sessionIds(withWorker.db)).includes(`inactive-${tag}`) && !(await counterKeys(withWorker.db)).includes(`ancien-${tag}`));
    const sessions = await sessionIds(withWorker.db);
    expect(sessions).not.toContain(`inactive-${tag}`);
    expect(sessions).not.toContain(`echue-${tag}`);
    expect(sessions).toContain(`vivante-${tag}`);
    const counters = await counterKeys(withWorker.db);
    expect(counters).not.toContain(`ancien-${tag}`);
    expect(counters).toContain(`courant-${tag}`);
  });
});

describe('messages: single-use links and retention', () => {
  let built: GuichetApp;
  beforeAll(async () => {
    built = await createTestApp();
  });
  afterAll(async () => {
    await built.app.close();
  });

  it('keeps no live single-use link in a sent message’s values', async () => {
    const email = `lien.${randomUUID().slice(0, 8)}@exemple.fr`;
    const client = new TestClient(built.app, '198.51.100.150');
    expect((await client.submit('/inscription', '/inscription', { email, password: 'mon chat aime les croquettes' })).statusCode).toBe(303);
    const [enAttente] = (await built.outbox.list({ status: 'pending', limit: 50 })).filter((m) => m.recipient === email);
    const jeton = /jeton=([\w-]+)/.exec(enAttente!.values.lien ?? '')![1]!;
    await built.worker.runOnce();
    const [envoye] = (await built.db.selectFrom('notifications').select(['values', 'status']).where('recipient', '=', email).execute()) as Array<{ values: Record<string, string>; status: string }>;
    expect(envoye!.status).toBe('sent');
    expect(JSON.stringify(envoye!.values)).not.toContain(jeton);
    expect(envoye!.values.lien).toContain(`jeton=${LIEN_RETIRE}`);
  });

  it('deletes sent messages once their retention is over, and keeps recent and failed ones', async () => {
    const db = built.db;
    const now = new Date();
    const old = new Date(now.getTime() - (RETENTION_MESSAGES_ENVOYES_JOURS + 1) * 86_400_000);
    const recent = new Date(now.getTime() - (RETENTION_MESSAGES_ENVOYES_JOURS - 1) * 86_400_000);
    const tag = randomUUID().slice(0, 8);
    const row = (suffix: string, status: string, sentAt: Date | null) => ({
      id: randomUUID(),
      channel: 'email',
      recipient: `${suffix}-${tag}@exemple.fr`,
      template: 'test.retention',
      template_version: 1,
      values: '{}',
      status,
      idempotency_key: `${suffix}-${tag}`,
      sent_at: sentAt,
      created_at: sentAt ?? old,
    });
    await db.insertInto('notifications').values([row('ancien', 'sent', old), row('recent', 'sent', recent), row('echec', 'failed', null)]).execute();
    const housekeeping = sessionHousekeeping({ sessions: sessionRepository(db), rateLimiter: rateLimiter(db, () => now), outbox: built.outbox, now: () => now, sessionIdleMinutes: 30 });
    const purged = await housekeeping.runOnce();
    expect(purged.messages).toBeGreaterThanOrEqual(1);
    const left = (await db.selectFrom('notifications').select('recipient').where('template', '=', 'test.retention').execute()).map((r) => r.recipient as string);
    expect(left.sort()).toEqual([`echec-${tag}@exemple.fr`, `recent-${tag}@exemple.fr`]);
  });
});
