import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { codeTotp } from '../../kernel/auth/totp.ts';
import { AGENT_PASSWORD, createAdmin, createAgent, uniqueEmail } from '../../kernel/testing/factories.ts';
import { createTestApp, testConfig } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { ESSAIS_CODE } from './double-facteur-service.ts';

// A clock the test moves: TOTP codes change every 30 seconds, and a used one never works twice.
let clock = new Date('2026-12-07T09:00:05Z');
let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await built.app.close();
});
const avancer = (secondes: number) => {
  clock = new Date(clock.getTime() + secondes * 1000);
};

/** An admin as the command line creates one: no second factor yet. */
async function nouvelAdmin() {
  const email = uniqueEmail('admin-2fa');
  const outcome = await built.comptes.createAdmin(email, 'Alice Deux-Facteurs', AGENT_PASSWORD);
  if (!outcome.ok) throw new Error(outcome.message);
  return { email, id: outcome.account.id };
}

/** Password step, straight to the form (the test client would otherwise finish a factory agent's sign-in itself). */
async function motDePasse(client: TestClient, email: string) {
  await client.get('/agent/connexion');
  return client.request({ method: 'POST', url: '/agent/connexion', payload: new URLSearchParams({ email, password: AGENT_PASSWORD }).toString(), contentType: 'application/x-www-form-urlencoded' });
}

async function activer(client: TestClient) {
  const page = await client.get('/agent/double-facteur/activation');
  expect(page.body).toContain('data:image/png;base64,');
  const secret = /id="secret-totp">([A-Z2-7 ]+)</.exec(page.body)![1]!.replaceAll(' ', '');
  const active = await client.post('/agent/double-facteur/activation', { code: codeTotp(secret, clock) });
  const codes = [...active.body.matchAll(/<code>([A-Z0-9]{4}-[A-Z0-9]{4})<\/code>/g)].map((m) => m[1]!);
  return { secret, codes, active };
}

describe('second factor of the agents', () => {
  it('a password alone opens no admin session: the first sign-in enrolls by QR code, then every sign-in asks the code', async () => {
    const admin = await nouvelAdmin();
    const client = new TestClient(built.app, '198.51.100.170');
    const apres = await motDePasse(client, admin.email);
    expect(apres.headers.location).toBe('/agent/double-facteur/activation');
    expect((await client.get('/agent')).statusCode).toBe(302);
    expect((await client.get('/admin/agents')).statusCode).toBe(302);

    const faux = await client.submit('/agent/double-facteur/activation', '/agent/double-facteur/activation', { code: '000000' });
    expect(faux.statusCode).toBe(400);
    expect(faux.body).toContain('Ce code n’est pas valable');
    const { secret, codes, active } = await activer(client);
    expect(active.body).toContain('Notez vos codes de secours');
    expect(codes).toHaveLength(10);
    expect((await client.get('/admin/agents')).statusCode).toBe(200);

    // Next sign-in, from another browser: password, then the code of the moment.
    avancer(30);
    const autre = new TestClient(built.app, '198.51.100.171');
    expect((await motDePasse(autre, admin.email)).headers.location).toBe('/agent/connexion/code');
    expect((await autre.get('/agent')).statusCode).toBe(302);
    const code = codeTotp(secret, clock);
    await autre.get('/agent/connexion/code');
    expect((await autre.post('/agent/connexion/code', { code })).headers.location).toBe('/agent');
    expect((await autre.get('/admin/agents')).statusCode).toBe(200);

    // The same code never opens a second session; a recovery code does, once.
    const troisieme = new TestClient(built.app, '198.51.100.172');
    await motDePasse(troisieme, admin.email);
    await troisieme.get('/agent/connexion/code');
    expect((await troisieme.post('/agent/connexion/code', { code })).statusCode).toBe(400);
    expect((await troisieme.post('/agent/connexion/code', { code: codes[0]!.toLowerCase() })).headers.location).toBe('/agent');
    const quatrieme = new TestClient(built.app, '198.51.100.173');
    await motDePasse(quatrieme, admin.email);
    await quatrieme.get('/agent/connexion/code');
    expect((await quatrieme.post('/agent/connexion/code', { code: codes[0]! })).statusCode).toBe(400);

    const journal = await listAudit(built.db, { actorId: admin.id, limit: 50 });
    expect(journal.map((a) => `${a.action}:${a.outcome}`)).toEqual(
      expect.arrayContaining(['activer-double-facteur:succes', 'connexion-double-facteur:succes', 'connexion-double-facteur:refus']),
    );
    expect(journal.some((a) => a.action === 'connexion-double-facteur' && (a.details as { moyen?: string }).moyen === 'code-de-secours')).toBe(true);
  });

  it(`counts wrong codes first: after ${ESSAIS_CODE.limit}, even the right one waits`, async () => {
    const admin = await nouvelAdmin();
    const client = new TestClient(built.app, '198.51.100.174');
    await motDePasse(client, admin.email);
    const { secret } = await activer(client);
    avancer(60);
    const autre = new TestClient(built.app, '198.51.100.175');
    await motDePasse(autre, admin.email);
    await autre.get('/agent/connexion/code');
    const reponses = await Promise.all(Array.from({ length: 20 }, () => autre.post('/agent/connexion/code', { code: '999999' })));
    expect(reponses.filter((r) => r.statusCode === 400)).toHaveLength(ESSAIS_CODE.limit);
    expect((await autre.post('/agent/connexion/code', { code: codeTotp(secret, clock) })).statusCode).toBe(429);
  });

  it('an admin resets a lost factor: the agent’s sessions end and the next sign-in enrolls again', async () => {
    const instructeur = await createAgent(built, 'instructeur', { departement: '24' });
    const agentClient = new TestClient(built.app, '198.51.100.176');
    avancer(30);
    expect((await agentClient.submit('/agent/connexion', '/agent/connexion', instructeur)).headers.location).toBe('/agent');
    const compte = (await built.comptes.listAgents()).find((a) => a.email === instructeur.email)!;
    const admin = await createAdmin(built);
    const adminClient = new TestClient(built.app, '198.51.100.177');
    avancer(30);
    await adminClient.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
    await adminClient.get('/admin/agents');
    expect((await adminClient.post(`/admin/agents/${compte.id}/double-facteur`)).statusCode).toBe(303);
    expect((await agentClient.get('/agent')).statusCode).toBe(302);
    const ensuite = new TestClient(built.app, '198.51.100.178');
    expect((await motDePasse(ensuite, instructeur.email)).headers.location).toBe('/agent/double-facteur/activation');
    expect((await listAudit(built.db, { actorId: admin.account.id })).some((a) => a.action === 'reinitialiser-double-facteur' && a.object_id === compte.id)).toBe(true);
  });

  it('offers it to a mairie agent, who then signs in with it', async () => {
    const agent = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
    const client = new TestClient(built.app, '198.51.100.179');
    expect((await client.submit('/agent/connexion', '/agent/connexion', agent)).headers.location).toBe('/agent');
    expect((await client.get('/agent')).body).toContain('href="/agent/double-facteur/activation"');
    avancer(30);
    const { codes } = await activer(client);
    expect(codes).toHaveLength(10);
    expect((await client.get('/agent/double-facteur/activation')).body).toContain('La double authentification est active');
    const ensuite = new TestClient(built.app, '198.51.100.180');
    expect((await motDePasse(ensuite, agent.email)).headers.location).toBe('/agent/connexion/code');
  });
});

describe('MFA_AGENTS=obligatoire', () => {
  it('asks every agent, mairie agents included, to enroll', async () => {
    const strict = await createTestApp({ config: testConfig({ mfaAgents: 'obligatoire' }) });
    try {
      const agent = await createAgent(strict, 'agent_mairie', { communeInsee: '24322', departement: '24' });
      const client = new TestClient(strict.app, '198.51.100.181');
      await client.get('/agent/connexion');
      const r = await client.request({ method: 'POST', url: '/agent/connexion', payload: new URLSearchParams({ email: agent.email, password: AGENT_PASSWORD }).toString(), contentType: 'application/x-www-form-urlencoded' });
      expect(r.headers.location).toBe('/agent/connexion/code');
    } finally {
      await strict.app.close();
    }
  });
});
