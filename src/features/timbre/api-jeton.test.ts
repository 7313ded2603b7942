import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { createAdmin, createAgent } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { acheter, numerosDans, payer } from './achat-de-test.ts';
import { timbresRepository } from './timbres-repository.ts';

// The app's clock: real time shifted by `decalage`, or frozen to keep calls in one rate-limit window.
let decalage = 0;
let gele: Date | undefined;
const horloge = () => gele ?? new Date(Date.now() + decalage);

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp({ now: horloge });
});
afterAll(async () => {
  await built.app.close();
});

async function agentMairie(commune = '24322') {
  const { email, password } = await createAgent(built, 'agent_mairie', { communeInsee: commune, departement: '24' });
  const client = new TestClient(built.app);
  expect((await client.submit('/agent/connexion', '/agent/connexion', { email, password })).statusCode).toBe(303);
  const compte = (await built.comptes.listAgents()).find((a) => a.email === email)!;
  return { client, compte };
}

/** Creates a token through the agent's own page, as the agent would; returns it and its id. */
async function creerJeton(client: TestClient, nom = 'Poste accueil 1', duree = '90') {
  const page = await client.submit('/agent/jetons-api', '/agent/jetons-api', { nom, duree });
  expect(page.statusCode).toBe(200);
  const jeton = /id="jeton-cree"[^>]*value="(gta_[\w-]+)"/.exec(page.body)?.[1];
  expect(jeton).toMatch(/^gta_[\w-]{43}$/);
  const id = /action="\/agent\/jetons-api\/([0-9a-f-]{36})\/revoquer"/.exec(page.body)?.[1];
  return { jeton: jeton!, id: id! };
}

async function timbreAchete() {
  const acheteur = new TestClient(built.app);
  const paiementId = await acheter(acheteur);
  await payer(acheteur, paiementId);
  await acheteur.get('/timbre/retour');
  return numerosDans((await acheteur.get('/timbre/confirmation')).body)[0]!;
}

const appel = (url: string, body: unknown, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  built.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body), remoteAddress });
const bearer = (jeton: string) => ({ authorization: `Bearer ${jeton}` });

describe('agent API tokens on the stamp API', () => {
  it('a token made in the agent space acts as that agent: lookup and consumption without cookie or CSRF, commune of the agent, audited by token id', async () => {
    const numero = await timbreAchete();
    const { client, compte } = await agentMairie('24037');
    const { jeton, id } = await creerJeton(client);
    const liste = await client.get('/agent/jetons-api');
    expect(liste.body).toContain('Poste accueil 1');
    expect(liste.body).toContain('Jamais');
    expect(liste.body).not.toContain(jeton);

    const lu = await appel('/api/agent/timbres/verification', { numero }, bearer(jeton));
    expect(lu.headers['cache-control']).toBe('no-store');
    expect(lu.statusCode).toBe(200);
    expect(lu.json()).toMatchObject({ ok: true, timbre: { numero, statut: 'valide', usage: 'passeport-majeur' } });
    const consomme = await appel('/api/agent/timbres/consommation', { numero, usage: 'passeport-majeur', referenceDossier: 'PD-24-000300' }, bearer(jeton));
    expect(consomme.statusCode).toBe(200);
    expect((await appel('/api/agent/timbres/consommation', { numero, usage: 'passeport-majeur', referenceDossier: 'PD-24-000301' }, bearer(jeton))).statusCode).toBe(409);

    // Scoped as the session path: the consumption is that agent's, in that agent's commune.
    const consommation = await timbresRepository(built.db).consommation(numero);
    expect(consommation).toMatchObject({ commune: '24037', reference_dossier: 'PD-24-000300' });
    const journal = await listAudit(built.db, { actorId: compte.id, limit: 50 });
    expect(journal.filter((a) => a.action === 'consommer-timbre').map((a) => a.outcome)).toEqual(['refus', 'succes']);
    const appels = journal.filter((a) => a.action === 'appel-api-jeton');
    expect(appels).toHaveLength(3);
    expect(appels.every((a) => a.object_id === id && a.actor_commune === '24037')).toBe(true);
    expect(JSON.stringify(await listAudit(built.db, { limit: 1000 }))).not.toContain(jeton.slice(4));
    expect((await client.get('/agent/jetons-api')).body).not.toContain('Jamais');
  });

  it('a revoked, expired or unknown token, or one whose agent is disabled, gets 401; the role is read at each call', async () => {
    const numero = await timbreAchete();
    const { client, compte } = await agentMairie();
    const revoque = await creerJeton(client, 'Révoqué');
    const court = await creerJeton(client, 'Court', '30');
    const role = await creerJeton(client, 'Rôle');
    expect((await appel('/api/agent/timbres/verification', { numero }, bearer(revoque.jeton))).statusCode).toBe(200);

    await client.get('/agent/jetons-api');
    expect((await client.post(`/agent/jetons-api/${revoque.id}/revoquer`)).statusCode).toBe(303);
    const refuse = await appel('/api/agent/timbres/verification', { numero }, bearer(revoque.jeton));
    expect(refuse.statusCode).toBe(401);
    expect(refuse.json()).toMatchObject({ code: 'JETON_REFUSE', message: 'Ce jeton a été révoqué.' });
    expect(refuse.headers['www-authenticate']).toContain('Bearer');
    expect((await client.get('/agent/jetons-api')).body).toContain('Révoqué le');

    decalage = 31 * 86_400_000;
    try {
      const expire = await appel('/api/agent/timbres/verification', { numero }, bearer(court.jeton));
      expect(expire.statusCode).toBe(401);
      expect(expire.json().message).toContain('expiré');
      expect((await appel('/api/agent/timbres/verification', { numero }, bearer(role.jeton))).statusCode).toBe(200);
    } finally {
      decalage = 0;
    }

    expect((await appel('/api/agent/timbres/verification', { numero }, bearer(`gta_${'A'.repeat(43)}`))).statusCode).toBe(401);
    expect((await appel('/api/agent/timbres/verification', { numero }, { authorization: 'Basic Zm9vOmJhcg==' })).statusCode).toBe(401);

    // A role change takes effect at the next call: the token carries no rights of its own.
    await sql`update users set role = 'agent_prefecture', commune_insee = null where id = ${compte.id}`.execute(built.db);
    const interdit = await appel('/api/agent/timbres/verification', { numero }, bearer(role.jeton));
    expect(interdit.statusCode).toBe(403);
    await sql`update users set role = 'agent_mairie', commune_insee = '24322' where id = ${compte.id}`.execute(built.db);
    expect((await appel('/api/agent/timbres/verification', { numero }, bearer(role.jeton))).statusCode).toBe(200);

    const admin = await createAdmin(built);
    const adminPrincipal = { userId: admin.account.id, kind: 'agent' as const, role: 'admin' as const, communeInsee: null, departement: null, displayName: 'Admin' };
    expect(await built.comptes.setAgentStatus(adminPrincipal, compte.id, 'disabled')).toBe(true);
    const desactive = await appel('/api/agent/timbres/verification', { numero }, bearer(role.jeton));
    expect(desactive.statusCode).toBe(401);
    expect(desactive.json().message).toContain('désactivé');
    const refus = (await listAudit(built.db, { objectType: 'jeton_api_agent', limit: 200 })).filter((a) => a.action === 'appel-api-jeton' && a.outcome === 'refus');
    expect(refus.map((a) => (a.details as { motif?: string }).motif)).toEqual(expect.arrayContaining(['revoked', 'expired', 'unknown', 'format', 'account-inactive']));
  });

  it('a session still needs its anti-CSRF token on POST; a bearer call does not', async () => {
    const numero = await timbreAchete();
    const { client } = await agentMairie();
    const page = await client.get('/agent/timbres');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = `gt_session=${client.cookie('gt_session')}`;
    const sansCsrf = await appel('/api/agent/timbres/verification', { numero }, { cookie });
    expect(sansCsrf.statusCode).toBe(403);
    expect(sansCsrf.json()).toMatchObject({ code: 'CSRF' });
    expect((await appel('/api/agent/timbres/verification', { numero }, { cookie, 'x-csrf-token': 'faux' })).statusCode).toBe(403);
    expect((await appel('/api/agent/timbres/verification', { numero }, { cookie, 'x-csrf-token': csrf })).statusCode).toBe(200);
    expect((await appel('/api/agent/timbres/verification', { numero })).statusCode).toBe(401);
    const { jeton } = await creerJeton(client);
    expect((await appel('/api/agent/timbres/verification', { numero }, bearer(jeton))).statusCode).toBe(200);
  });

  it('rate-limits each token, and failed tokens from one address without refusing a valid token', async () => {
    const { client } = await agentMairie();
    const { jeton } = await creerJeton(client);
    // Start of the next minute plus five seconds: all calls fall in one window.
    gele = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 5_000);
    try {
      const statuts: number[] = [];
      for (let i = 0; i < 121; i += 1) statuts.push((await appel('/api/agent/timbres/consommation', { numero: '12', usage: 'passeport-majeur', referenceDossier: 'PD-1' }, bearer(jeton))).statusCode);
      expect(statuts.slice(0, 120).every((s) => s === 400)).toBe(true);
      const trop = await appel('/api/agent/timbres/consommation', { numero: '12', usage: 'passeport-majeur', referenceDossier: 'PD-1' }, bearer(jeton));
      expect(trop.statusCode).toBe(429);
      expect(trop.json()).toMatchObject({ code: 'TROP_DE_REQUETES' });

      const autre = await creerJeton(client, 'Autre poste');
      for (let i = 0; i < 20; i += 1) expect((await appel('/api/agent/timbres/verification', { numero: '12' }, bearer(`gta_${String(i).padStart(43, 'x')}`), '192.0.2.7')).statusCode).toBe(401);
      // Past 20 failures from the address, unknown tokens get 429; a valid token from the same
      // address (a mairie's shared NAT) is still served.
      expect((await appel('/api/agent/timbres/verification', { numero: '12' }, bearer(`gta_${'y'.repeat(43)}`), '192.0.2.7')).statusCode).toBe(429);
      expect((await appel('/api/agent/timbres/verification', { numero: '12' }, bearer(autre.jeton), '192.0.2.7')).statusCode).toBe(400);
      expect((await appel('/api/agent/timbres/verification', { numero: '12' }, bearer(autre.jeton), '192.0.2.8')).statusCode).toBe(400);
    } finally {
      gele = undefined;
    }
  });

  it('documents the bearer scheme in OpenAPI', async () => {
    const spec = (await built.app.inject('/api/agent/timbres/openapi.json')).json();
    expect(spec.components.securitySchemes.jetonAgent).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.paths['/api/agent/timbres/consommation'].post.security).toContainEqual({ jetonAgent: [] });
    expect(spec.paths['/api/agent/timbres/verification'].post.responses).toHaveProperty('401');
  });
});
