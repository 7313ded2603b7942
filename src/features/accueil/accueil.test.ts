import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createAdmin, createAgent } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

// The agent home lists, for each role, the pages that role works on: each link must open.
let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

async function signedIn(email: string, password: string) {
  const client = new TestClient(built.app);
  expect((await client.submit('/agent/connexion', '/agent/connexion', { email, password })).statusCode).toBe(303);
  return client;
}

function directLinks(html: string): string[] {
  const section = (html.split('Accès directs')[1] ?? '').split('</ul>')[0] ?? '';
  return [...section.matchAll(/href="(\/[^"]*)"/g)].map((match) => match[1]!).filter((href) => !href.startsWith('/dsfr') && href !== '/');
}

describe('agent home', () => {
  const cases = [
    ['agent_mairie', { communeInsee: '24322', departement: '24' }],
    ['agent_prefecture', { departement: '24' }],
    ['instructeur', { departement: '24' }],
  ] as const;

  it.each(cases)('gives a %s only links that open', async (role, rattachement) => {
    const compte = await createAgent(built, role, rattachement);
    const client = await signedIn(compte.email, compte.password);
    const links = directLinks((await client.get('/agent')).body);
    expect(links.length).toBeGreaterThan(1);
    for (const href of links) expect([href, (await client.get(href)).statusCode]).toEqual([href, 200]);
  });

  it('opens a DR mairie agent’s home on the counter: receive a pré-demande, Cerfa, remise, reception', async () => {
    const compte = await createAgent(built, 'agent_mairie', { communeInsee: '24037', departement: '24' });
    const client = await signedIn(compte.email, compte.password);
    const page = (await client.get('/agent')).body;
    const principaux = [...page.matchAll(/<a class="fr-btn" href="(\/[^"]+)"/g)].map((m) => m[1]);
    expect(principaux).toEqual(['/mairie/recueil', '/mairie/cerfa', '/mairie/remise', '/mairie/reception']);
    const recueil = await client.get('/mairie/recueil');
    expect(recueil.statusCode).toBe(200);
    for (const href of directLinks(page)) expect([href, (await client.get(href)).statusCode]).toEqual([href, 200]);
  });

  it('gives an espace numérique agent the assisted pré-demande, and no counter page it cannot open', async () => {
    const admin = await createAdmin(built);
    const adminClient = await signedIn(admin.email, admin.password);
    expect((await adminClient.submit('/admin/communes/24004/niveau', '/admin/communes/24004/niveau', { niveau: 'espace_numerique' })).statusCode).toBe(303);
    const compte = await createAgent(built, 'agent_mairie', { communeInsee: '24004', departement: '24' });
    const client = await signedIn(compte.email, compte.password);
    const links = directLinks((await client.get('/agent')).body);
    expect(links).toContain('/mairie/accompagnement');
    expect(links).not.toContain('/mairie/demandes');
    for (const href of links) expect([href, (await client.get(href)).statusCode]).toEqual([href, 200]);
  });

  it('gives an admin only links that open', async () => {
    const admin = await createAdmin(built);
    const client = await signedIn(admin.email, admin.password);
    const links = directLinks((await client.get('/agent')).body);
    expect(links).toContain('/admin/agents');
    for (const href of links) expect([href, (await client.get(href)).statusCode]).toEqual([href, 200]);
  });

  it('leaves the citizens’ main navigation out of agent pages', async () => {
    const compte = await createAgent(built, 'instructeur', { departement: '24' });
    const client = await signedIn(compte.email, compte.password);
    expect((await client.get('/agent')).body).not.toContain('navigation-principale');
  });
});

describe('main navigation', () => {
  it('links the citizen’s journeys from every public page, marking the current one', async () => {
    const client = new TestClient(built.app);
    const page = (await client.get('/guides/timbre')).body;
    const nav = /<nav class="fr-nav" id="navigation-principale"[^]*?<\/nav>/.exec(page)?.[0] ?? '';
    const links = [...nav.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
    expect(links).toEqual(['/ou-aller', '/guides', '/mon-espace', '/timbre', '/suivi', '/kit']);
    expect(nav).toMatch(/href="\/guides" aria-current="page"/);
    // Anonymous visitors are sent to sign in for their own space; every other page opens.
    for (const href of links) expect([href, (await client.get(href)).statusCode]).toEqual([href, href === '/mon-espace' ? 302 : 200]);
  });
});
