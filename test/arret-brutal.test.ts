// Durability as an operator lives it: `src/main.ts` is killed with SIGKILL in the middle of
// a burst of sign-ups (each one an account row and an outbox message, committed together),
// then started again on the same database. Every sign-up that was acknowledged (303) must
// be there, with its activation message; none half-written. Three runs, on the database the
// suite runs on (a PGlite folder, or PostgreSQL).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../src/kernel/db/database.ts';
import { freshTarget, startMain, type RunningMain, type Target } from './support/processus.ts';

const RUNS = 3;
const BURST = 40;

/** One sign-up from its own browser (its own address behind the proxy): page, then form. */
async function inscrire(origin: string, email: string, adresse: string): Promise<boolean> {
  const headers = { 'x-forwarded-for': adresse };
  const page = await fetch(`${origin}/inscription`, { headers });
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await fetch(`${origin}/inscription`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: 'mon chat aime les croquettes', _csrf: token }).toString(),
  });
  return response.status === 303;
}

describe('kill -9 during a burst of writes', () => {
  let target: Target | undefined;
  let running: RunningMain | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await target?.cleanup();
    target = undefined;
  });

  it(`loses no acknowledged write over ${RUNS} runs`, { timeout: 600_000 }, async () => {
    target = await freshTarget();
    const env = { ...target.env, TRUST_PROXY: 'true', OUTBOX_WORKER: 'false' };
    const acknowledged: string[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      running = await startMain(env);
      const origin = running.origin;
      const killed = running;
      let done = 0;
      const burst = Array.from({ length: BURST }, async (_, i) => {
        const email = `arret.${run}.${i}@exemple.fr`;
        try {
          if (await inscrire(origin, email, `192.0.2.${run * BURST + i}`)) acknowledged.push(email);
        } catch {
          // The process died before answering: not acknowledged, nothing promised.
        }
        done += 1;
        if (done === BURST / 2) await killed.kill();
      });
      await Promise.all(burst);
      running = undefined;
    }
    expect(acknowledged.length).toBeGreaterThan(0);

    // A last start proves the database opens after three kills, then a clean stop frees it.
    running = await startMain(env);
    expect((await fetch(`${running.origin}/sante`)).status).toBe(200);
    await running.stop();
    running = undefined;

    const database = await openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.env.DATA_DIR! });
    try {
      const accounts = await sql<{ email: string }>`select email from users where email like 'arret.%'`.execute(database.db);
      const messages = await sql<{ recipient: string }>`select recipient from notifications where recipient like 'arret.%'`.execute(database.db);
      const stored = new Set(accounts.rows.map((r) => r.email));
      const queued = new Set(messages.rows.map((r) => r.recipient));
      const lost = acknowledged.filter((email) => !stored.has(email) || !queued.has(email));
      console.info(`kill -9 : ${RUNS} arrêts brutaux, ${acknowledged.length} inscriptions acquittées, ${lost.length} perdues`);
      expect(lost).toEqual([]);
      // Nothing half-written either: every stored account has its message.
      expect([...stored].filter((email) => !queued.has(email))).toEqual([]);
    } finally {
      await database.close();
    }
    if (target.env.DATA_DIR) expect(fs.existsSync(path.join(target.env.DATA_DIR, 'pglite'))).toBe(true);
  });
});
