// « Count first, then decide »: a burst of simultaneous guesses must not be evaluated past
// the limit. Each case fires 40 requests at once and counts how many were really evaluated
// (a 401/400 answer) against how many were refused unevaluated (429), on the suite's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { rateLimiter } from '../src/kernel/http/rate-limit.ts';
import { createAgent, createUsager } from '../src/kernel/testing/factories.ts';
import { createTestApp } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

const BURST = 40;

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

const statuses = (responses: Array<{ statusCode: number }>) => {
  const count: Record<number, number> = {};
  for (const { statusCode } of responses) count[statusCode] = (count[statusCode] ?? 0) + 1;
  return count;
};

describe('limits under a burst of simultaneous attempts', () => {
  it('the limiter evaluates at most the limit, and a success gives its unit back', async () => {
    const limiter = rateLimiter(built.db, () => new Date());
    let evaluated = 0;
    const outcomes = await Promise.all(
      Array.from({ length: BURST }, () =>
        limiter.attempt(
          [{ key: 'rafale-echecs', limit: 5, windowSeconds: 900 }],
          async () => {
            evaluated += 1;
            await new Promise((resolve) => setTimeout(resolve, 5));
            return false;
          },
          (ok) => !ok,
        ),
      ),
    );
    expect(evaluated).toBe(5);
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(5);

    // Successes do not use up the allowance: 20 in a row, then still 5 failures allowed.
    const key = 'rafale-succes';
    for (let i = 0; i < 20; i += 1) expect((await limiter.attempt([{ key, limit: 5, windowSeconds: 900 }], () => Promise.resolve(true), (ok) => !ok)).allowed).toBe(true);
    const failures = await Promise.all(Array.from({ length: 10 }, () => limiter.attempt([{ key, limit: 5, windowSeconds: 900 }], () => Promise.resolve(false), (ok) => !ok)));
    expect(failures.filter((o) => o.allowed)).toHaveLength(5);
  });

  it('wrong passwords against one account: at most 5 checked, the rest refused unchecked', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '203.0.113.10');
    await client.get('/connexion');
    const responses = await Promise.all(Array.from({ length: BURST }, () => client.post('/connexion', { email: usager.email, password: 'ce n’est pas le bon' })));
    const count = statuses(responses);
    expect(count[401]).toBe(5);
    expect(count[429]).toBe(BURST - 5);
  });

  it('an agent’s wrong passwords: the same', async () => {
    const agent = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
    const client = new TestClient(built.app, '203.0.113.11');
    await client.get('/agent/connexion');
    const responses = await Promise.all(Array.from({ length: BURST }, () => client.post('/agent/connexion', { email: agent.email, password: 'ce n’est pas le bon' })));
    const count = statuses(responses);
    expect(count[401]).toBe(5);
    expect(count[429]).toBe(BURST - 5);
  });

  it('the password asked again on « Mon compte »: at most 5 checked', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '203.0.113.12');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    await client.get('/mon-compte');
    const responses = await Promise.all(Array.from({ length: BURST }, () => client.post('/mon-compte/telephone', { mobile: '06 12 34 56 78', 'motDePasse-telephone': 'ce n’est pas le bon' })));
    const count = statuses(responses);
    expect(count[400]).toBe(5);
    expect(count[429]).toBe(BURST - 5);
  });

  it('the assisted-mode code: at most 5 tried', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '203.0.113.13');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    await client.get('/accompagnement');
    const responses = await Promise.all(Array.from({ length: BURST }, (_, i) => client.post('/accompagnement', { code: `ABCD-${String(1000 + i)}` })));
    const count = statuses(responses);
    expect(count[429]).toBe(BURST - 5);
  });

  it('one bad bearer token: at most 20 looked up; a valid token from the same address still works', async () => {
    const agent = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
    const client = new TestClient(built.app, '203.0.113.14');
    await client.submit('/agent/connexion', '/agent/connexion', { email: agent.email, password: agent.password });
    const page = await client.submit('/agent/jetons-api', '/agent/jetons-api', { nom: 'Poste accueil', duree: '90' });
    const jeton = /id="jeton-cree"[^>]*value="(gta_[\w-]+)"/.exec(page.body)![1]!;
    const appel = (token: string) =>
      built.app.inject({ method: 'POST', url: '/api/agent/timbres/verification', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: '{"numero":"1234567890123456"}', remoteAddress: '203.0.113.14' });
    const faux = `gta_${'B'.repeat(43)}`;
    const count = statuses(await Promise.all(Array.from({ length: BURST }, () => appel(faux))));
    expect(count[401]).toBe(20);
    expect(count[429]).toBe(BURST - 20);
    // Others' failures from the shared address never refuse a valid token.
    const valide = await appel(jeton);
    expect([401, 429]).not.toContain(valide.statusCode);
  });
});
