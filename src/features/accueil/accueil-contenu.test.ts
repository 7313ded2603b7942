import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createAgent } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

// The home page answers "what can I do here?" for the two kinds of visitors: a citizen sees
// what to do and where each step is; an agent sees where to sign in, then what the role does.
let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

/** The part of a page between a second-level heading and the next one. */
function section(html: string, heading: string): string {
  const start = html.indexOf(`<h2>${heading}</h2>`);
  expect(start, `section « ${heading} » absente`).toBeGreaterThanOrEqual(0);
  const rest = html.slice(start + heading.length + 9);
  const end = rest.search(/<h2>|<\/main>/);
  return end === -1 ? rest : rest.slice(0, end);
}

function links(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((match) => [match[1]!, match[2]!.trim()]);
}

describe('home page', () => {
  it('tells a citizen what can be done, each step a link that opens', async () => {
    const client = new TestClient(built.app);
    const home = (await client.get('/')).body;
    expect(home).toContain('<h1>Carte d’identité et passeport</h1>');
    const citizen = section(home, 'Je suis un particulier');
    expect(links(citizen)).toEqual([
      ['/ou-aller', 'Où aller ?'],
      ['/ou', 'Carte et liste des lieux'],
      ['/connexion', 'Faire ma pré-demande'],
      ['/timbre', 'Acheter un timbre fiscal'],
      ['/guides', 'Guides pas à pas'],
      ['/kit', 'Kit d’accompagnement'],
    ]);
    // Each tile says what the step is for, not only its name.
    expect(citizen).toContain('Trouver la mairie équipée la plus proche');
    expect(citizen).toContain('remplir le formulaire en ligne et noter mon numéro de pré-demande');
    for (const [href] of links(citizen)) expect([href, (await client.get(href)).statusCode]).toEqual([href, 200]);
  });

  it('sends an agent to the agents’ sign-in, then lists what the role can do', async () => {
    const client = new TestClient(built.app);
    const agentSection = section((await client.get('/')).body, 'Je suis agent');
    expect(links(agentSection)).toEqual([['/agent/connexion', 'Espace agents']]);
    expect(agentSection).toContain('Mairies, préfecture et instruction');
    const signIn = await client.get('/agent/connexion');
    expect(signIn.statusCode).toBe(200);

    const agent = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
    expect((await client.post('/agent/connexion', { email: agent.email, password: agent.password })).headers.location).toBe('/agent');
    const agentHome = (await client.get('/agent')).body;
    const capabilities = section(agentHome, 'Ce que vous pouvez faire ici');
    expect(capabilities).toContain('Recevoir les demandeurs et traiter les pré-demandes en ligne');
    expect(capabilities).toContain('Remettre les titres disponibles.');
    expect(links(section(agentHome, 'Accès directs')).map(([href]) => href)).toEqual(expect.arrayContaining(['/mairie/demandes', '/mairie/remise']));
    // The citizen's tiles are not what an agent works with.
    expect(agentHome).not.toContain('Je suis un particulier');
  });
});
