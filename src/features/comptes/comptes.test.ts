import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { AGENT_PASSWORD, createAdmin, createUsager, uniqueEmail } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

async function signIn(client: TestClient, path: string, email: string, password: string) {
  return client.submit(path, path, { email, password });
}

function invitationLink(text: string) {
  const match = /(http:\/\/localhost:3000\/compte\/invitation\?jeton=[\w-]+)/.exec(text);
  if (!match) throw new Error(`pas de lien dans : ${text}`);
  return new URL(match[1]!).pathname + new URL(match[1]!).search;
}

describe('agents and roles', () => {
  it('lets the CLI admin create a mairie agent who activates the account and signs in, but cannot administer', async () => {
    const admin = await createAdmin(built);
    const adminClient = new TestClient(built.app);
    const login = await signIn(adminClient, '/agent/connexion', admin.email, admin.password);
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/agent');

    const agentEmail = uniqueEmail('agent.perigueux');
    await adminClient.get('/admin/agents');
    const created = await adminClient.post('/admin/agents', { nom: 'Paul Agent', email: agentEmail, role: 'agent_mairie', commune: '24322', departement: '' });
    expect(created.statusCode).toBe(303);

    await built.worker.runOnce();
    const [message] = await built.outbox.list({ deliveredBy: 'boite-dev', limit: 1 });
    expect(message?.recipient).toBe(agentEmail);
    expect(message?.template).toBe('comptes.invitation-agent');
    const link = invitationLink(message!.rendered!.text);
    const mailbox = await adminClient.get('/dev/boite');
    expect(mailbox.body).toContain(`<a href="http://localhost:3000${link}">`);

    const agentClient = new TestClient(built.app);
    const weak = await agentClient.submit(link, '/compte/invitation', { jeton: new URLSearchParams(link.split('?')[1]).get('jeton')!, password: 'trop court' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('au moins 16 caractères');
    const accepted = await agentClient.submit(link, '/compte/invitation', { jeton: new URLSearchParams(link.split('?')[1]).get('jeton')!, password: AGENT_PASSWORD });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('Compte activé');
    const reused = await new TestClient(built.app).get(link);
    expect(reused.body).toContain('Lien invalide ou expiré');

    expect((await signIn(agentClient, '/agent/connexion', agentEmail, AGENT_PASSWORD)).statusCode).toBe(303);
    const home = await agentClient.get('/agent');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Espace agents');
    expect(home.body).toContain('Paul Agent');
    const forbidden = await agentClient.get('/admin/agents');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).toContain('Accès refusé');

    const audit = await listAudit(built.db, { objectType: 'compte' });
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['creer-agent', 'activer-compte', 'connexion', 'consulter-agents']));
  });

  it('keeps citizens and anonymous visitors out of agent pages', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app);
    expect((await client.get('/agent')).headers.location).toBe('/agent/connexion');
    expect((await signIn(client, '/agent/connexion', usager.email, usager.password)).statusCode).toBe(401);
    expect((await signIn(client, '/connexion', usager.email, usager.password)).headers.location).toBe('/mon-espace');
    expect((await client.get('/agent')).statusCode).toBe(403);
    expect((await client.get('/admin/agents')).statusCode).toBe(403);
    expect((await client.get('/mon-espace')).statusCode).toBe(200);
  });

  it('renews the session id at sign-in and really ends it at sign-out', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app);
    await signIn(client, '/connexion', usager.email, usager.password);
    const first = client.cookie('gt_session');
    await client.get('/');
    expect((await client.post('/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(303);
    const second = client.cookie('gt_session');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const page = await client.get('/mon-espace');
    expect(page.headers['cache-control']).toBe('no-store');
    await client.post('/deconnexion');
    expect(client.cookie('gt_session')).toBeUndefined();
    // A copy of the old cookie no longer opens anything.
    const replay = await built.app.inject({ method: 'GET', url: '/mon-espace', headers: { cookie: `gt_session=${second}` } });
    expect(replay.statusCode).toBe(302);
  });

  it('disabling an agent closes their sessions', async () => {
    const admin = await createAdmin(built);
    const target = await createAdmin(built);
    const targetClient = new TestClient(built.app);
    await signIn(targetClient, '/agent/connexion', target.email, target.password);
    expect((await targetClient.get('/agent')).statusCode).toBe(200);
    const adminClient = new TestClient(built.app);
    await signIn(adminClient, '/agent/connexion', admin.email, admin.password);
    await adminClient.get('/admin/agents');
    expect((await adminClient.post(`/admin/agents/${target.account.id}/desactiver`)).statusCode).toBe(303);
    expect((await targetClient.get('/agent')).statusCode).toBe(302);
  });

  it('a disabled agent does not come back through the invitation: every link is revoked, and only an admin re-enables', async () => {
    const admin = await createAdmin(built);
    const adminClient = new TestClient(built.app);
    await signIn(adminClient, '/agent/connexion', admin.email, admin.password);
    const agentEmail = uniqueEmail('agent.desactive');
    await adminClient.get('/admin/agents');
    expect((await adminClient.post('/admin/agents', { nom: 'Agent Désactivé', email: agentEmail, role: 'agent_mairie', commune: '24322', departement: '' })).statusCode).toBe(303);
    await built.worker.runOnce();
    const message = (await built.outbox.list({ deliveredBy: 'boite-dev', limit: 50 })).find((m) => m.recipient === agentEmail)!;
    const link = invitationLink(message.rendered!.text);
    const agent = (await built.comptes.listAgents()).find((a) => a.email === agentEmail)!;

    await adminClient.get('/admin/agents');
    expect((await adminClient.post(`/admin/agents/${agent.id}/desactiver`)).statusCode).toBe(303);

    const agentClient = new TestClient(built.app, '198.51.100.77');
    expect((await agentClient.get(link)).body).toContain('Lien invalide');
    const accepted = await agentClient.submit('/agent/connexion', '/compte/invitation', { jeton: new URLSearchParams(link.split('?')[1]).get('jeton')!, password: AGENT_PASSWORD });
    expect(accepted.statusCode).toBe(400);
    expect((await signIn(agentClient, '/agent/connexion', agentEmail, AGENT_PASSWORD)).statusCode).toBe(401);
    expect((await built.comptes.findAccount(agent.id))?.status).toBe('disabled');
  });

  it('a password set on a disabled account leaves it disabled', async () => {
    const target = await createAdmin(built);
    const admin = await createAdmin(built);
    const adminPrincipal = { userId: admin.account.id, kind: 'agent' as const, role: 'admin' as const, communeInsee: null, departement: null, displayName: 'Admin' };
    expect(await built.comptes.setAgentStatus(adminPrincipal, target.account.id, 'disabled')).toBe(true);
    const { comptesRepository } = await import('./comptes-repository.ts');
    await comptesRepository(built.db).setPassword(target.account.id, 'empreinte', new Date());
    expect((await built.comptes.findAccount(target.account.id))?.status).toBe('disabled');
  });
});

describe('forms and security', () => {
  it('refuses a form posted without its anti-CSRF token', async () => {
    const admin = await createAdmin(built);
    const client = new TestClient(built.app);
    await signIn(client, '/agent/connexion', admin.email, admin.password);
    const forged = await built.app.inject({
      method: 'POST',
      url: '/admin/agents',
      headers: { cookie: `gt_session=${client.cookie('gt_session')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'nom=X&email=x%40exemple.fr&role=admin',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Formulaire expiré');
    expect((await client.post('/admin/agents', { _csrf: 'faux', nom: 'X' })).statusCode).toBe(403);
  });

  it('answers bad input next to the field, keeping the other answers', async () => {
    const admin = await createAdmin(built);
    const client = new TestClient(built.app);
    await signIn(client, '/agent/connexion', admin.email, admin.password);
    await client.get('/admin/agents');
    const response = await client.post('/admin/agents', { nom: 'Jeanne <b>Test</b>', email: 'pas-une-adresse', role: 'agent_mairie', commune: '99' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Saisissez une adresse électronique valide');
    expect(response.body).toContain('Le code INSEE comporte 5 caractères');
    expect(response.body).toContain('value="Jeanne &lt;b>Test&lt;/b>"');
    expect(response.body).not.toContain('<b>Test</b>');
  });

  it('throttles 20 wrong passwords on one account, while the owner still signs in from another client', async () => {
    const usager = await createUsager(built);
    const attacker = new TestClient(built.app, '203.0.113.7');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await signIn(attacker, '/connexion', usager.email, `mauvais mot de passe ${i}`)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    expect((await signIn(attacker, '/connexion', usager.email, usager.password)).statusCode).toBe(429);
    const owner = new TestClient(built.app, '198.51.100.20');
    expect((await signIn(owner, '/connexion', usager.email, usager.password)).statusCode).toBe(303);
  });

  it('gives the same answer for an unknown address and a wrong password', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '192.0.2.50');
    const unknown = await signIn(client, '/connexion', uniqueEmail('inconnu'), 'un mot de passe quelconque');
    const wrong = await signIn(client, '/connexion', usager.email, 'un mot de passe quelconque');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.body.replace(/value="[^"]*"/g, '')).toBe(wrong.body.replace(/value="[^"]*"/g, ''));
  });

  it('sends security headers and French error pages', async () => {
    const home = await built.app.inject('/');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect(home.headers['referrer-policy']).toBe('same-origin');
    expect(home.body).toContain('République');
    expect(home.body).toContain('Site de démonstration — aucune démarche réelle n&#39;est traitée ici'.replace('&#39;', "'"));
    const missing = await built.app.inject('/nexiste/pas');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page non trouvée');
    const sante = await built.app.inject('/sante');
    expect(sante.json()).toEqual({ status: 'ok' });
  });
});
