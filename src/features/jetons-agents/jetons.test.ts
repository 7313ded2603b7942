import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { agentApiTokensRepository } from '../../kernel/auth/agent-api-tokens-repository.ts';
import { hashToken } from '../../kernel/auth/tokens.ts';
import { createAdmin, createAgent } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

async function connecter(email: string, password: string) {
  const client = new TestClient(built.app);
  expect((await client.submit('/agent/connexion', '/agent/connexion', { email, password })).statusCode).toBe(303);
  return client;
}
async function agentMairie() {
  const { email, password } = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
  const compte = (await built.comptes.listAgents()).find((a) => a.email === email)!;
  return { client: await connecter(email, password), compte };
}
const jetonDans = (html: string) => /id="jeton-cree"[^>]*value="(gta_[\w-]+)"/.exec(html)?.[1];

describe('agent API token pages', () => {
  it('refuses a nameless token or an unknown duration next to the field, keeping the answers', async () => {
    const { client } = await agentMairie();
    const vide = await client.submit('/agent/jetons-api', '/agent/jetons-api', { nom: '  ', duree: '90' });
    expect(vide.statusCode).toBe(400);
    expect(vide.body).toContain('Donnez un nom au jeton');
    expect(vide.body).toContain('aria-invalid="true"');
    const duree = await client.submit('/agent/jetons-api', '/agent/jetons-api', { nom: 'Poste 2', duree: '9999' });
    expect(duree.statusCode).toBe(400);
    expect(duree.body).toContain('Choisissez une durée de validité.');
    expect(duree.body).toContain('value="Poste 2"');
    expect(jetonDans(duree.body)).toBeUndefined();
    expect((await client.submit('/agent/jetons-api', '/agent/jetons-api', { nom: 'Poste 2', duree: '90', _csrf: 'faux' })).statusCode).toBe(403);
  });

  it('shows the token once, stores only its hash, and lets only its owner (or an admin) revoke it', async () => {
    const { client, compte } = await agentMairie();
    const cree = await client.submit('/agent/jetons-api', '/agent/jetons-api', { nom: 'Caisse numéro 3', duree: '30' });
    expect(cree.statusCode).toBe(200);
    expect(cree.headers['cache-control']).toBe('no-store');
    const jeton = jetonDans(cree.body)!;
    expect(jeton).toMatch(/^gta_/);
    const [enBase] = await agentApiTokensRepository(built.db).list({ userId: compte.id });
    expect(enBase).toMatchObject({ nom: 'Caisse numéro 3', revokedAt: null, lastUsedAt: null });
    expect((await agentApiTokensRepository(built.db).authenticate(hashToken(jeton), new Date())).ok).toBe(true);
    expect((await client.get('/agent/jetons-api')).body).not.toContain(jeton);

    const autre = await agentMairie();
    expect((await autre.client.get('/agent/jetons-api')).body).not.toContain('Caisse numéro 3');
    expect((await autre.client.post(`/agent/jetons-api/${enBase!.id}/revoquer`)).statusCode).toBe(404);
    await client.get('/agent/jetons-api');
    expect((await client.post(`/agent/jetons-api/${enBase!.id}/revoquer`)).headers.location).toBe('/agent/jetons-api');
    expect((await client.post(`/agent/jetons-api/${enBase!.id}/revoquer`)).statusCode).toBe(404);
    const journal = await listAudit(built.db, { actorId: compte.id });
    expect(journal.filter((a) => a.object_id === enBase!.id).map((a) => a.action)).toEqual(['revoquer-jeton-api', 'creer-jeton-api']);
    expect(JSON.stringify(journal)).not.toContain(jeton.slice(4));
  });

  it('lets an administrator make a token for a mairie agent, list everyone’s and revoke any', async () => {
    const { compte } = await agentMairie();
    const admin = await createAdmin(built);
    const client = await connecter(admin.email, admin.password);
    const page = await client.get('/admin/jetons-api');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${compte.id}"`);
    const sansAgent = await client.post('/admin/jetons-api', { nom: 'Logiciel', duree: '90', agent: '' });
    expect(sansAgent.statusCode).toBe(400);
    expect(sansAgent.body).toContain('Choisissez l’agent de mairie titulaire du jeton.');
    const cree = await client.submit('/admin/jetons-api', '/admin/jetons-api', { nom: 'Logiciel de la mairie', duree: '365', agent: compte.id });
    expect(cree.statusCode).toBe(200);
    expect(cree.body).toContain(`créé pour ${compte.displayName}`);
    const jeton = jetonDans(cree.body)!;
    const verdict = await agentApiTokensRepository(built.db).authenticate(hashToken(jeton), new Date());
    expect(verdict).toMatchObject({ ok: true, principal: { userId: compte.id, role: 'agent_mairie', communeInsee: '24322' } });
    const [leSien] = await agentApiTokensRepository(built.db).list({ userId: compte.id });
    expect((await client.post(`/admin/jetons-api/${leSien!.id}/revoquer`)).statusCode).toBe(303);
    expect(await agentApiTokensRepository(built.db).authenticate(hashToken(jeton), new Date())).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('keeps the pages to their roles', async () => {
    const { email, password } = await createAgent(built, 'agent_prefecture', { departement: '24' });
    const prefecture = await connecter(email, password);
    expect((await prefecture.get('/agent/jetons-api')).statusCode).toBe(403);
    expect((await prefecture.get('/admin/jetons-api')).statusCode).toBe(403);
    expect((await new TestClient(built.app).get('/agent/jetons-api')).headers.location).toBe('/agent/connexion');
  });
});
