import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { agentMairie, demandeRecueillie } from '../src/features/demande-titre/test-demandes.ts';
import { createAdmin, createAgent, createUsager } from '../src/kernel/testing/factories.ts';
import { createTestApp } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

/**
 * Authorisation matrix of the agent screens: every route under an agent prefix, read from
 * Fastify's own route table (a route added tomorrow is in the matrix without anyone thinking
 * of it), × every role, × an application of this commune, of another commune and of another
 * département. A refusal is a sign-in redirect, a 403 or a 404 — and is in the audit journal.
 */
const PREFIXES_AGENT = ['/mairie', '/instruction', '/prefecture', '/pilotage', '/admin', '/agent'];
// The sign-in and its second step (the code, or enrolling the factor) come before any session:
// they check the waiting sign-in themselves (double-facteur.test.ts).
const PUBLIQUES = new Set(['/agent/connexion', '/agent/connexion/code', '/agent/double-facteur/activation']);

type Role = 'anonyme' | 'usager' | 'mairie' | 'mairieAutreCommune' | 'mairieAutreDepartement' | 'instructeur' | 'instructeurAutreDepartement' | 'prefecture' | 'prefectureAutreDepartement' | 'admin';
const ROLES: Role[] = ['anonyme', 'usager', 'mairie', 'mairieAutreCommune', 'mairieAutreDepartement', 'instructeur', 'instructeurAutreDepartement', 'prefecture', 'prefectureAutreDepartement', 'admin'];
type Cible = 'ici' | 'autreDepartement';
type Attendu = 'ok' | 302 | 403 | 404;

/** The routes of the demande de titre, by family. A route of the feature missing here fails the test. */
const FAMILLES_DEMANDE_TITRE: Array<{ famille: 'mairie' | 'instruction' | 'prefecture'; motif: RegExp }> = [
  { famille: 'mairie', motif: /^\/mairie\/(demandes|recueil|reception|remise|cerfa)(\/|$)/ },
  { famille: 'instruction', motif: /^\/instruction(\/|$)/ },
  { famille: 'prefecture', motif: /^\/prefecture(\/|$)/ },
];
const AUTORISES = { mairie: ['mairie', 'mairieAutreCommune'], instruction: ['instructeur', 'instructeurAutreDepartement'], prefecture: ['prefecture', 'prefectureAutreDepartement'] } as const;
/** Who sees the application of Périgueux ("ici") and the one of a Gironde commune: nobody else. */
const VOIT: Record<Cible, Role[]> = { ici: ['mairie', 'instructeur', 'prefecture'], autreDepartement: ['instructeurAutreDepartement', 'prefectureAutreDepartement'] };

function attendu(famille: keyof typeof AUTORISES, role: Role, cible: Cible | undefined): Attendu {
  if (role === 'anonyme') return 302;
  if (!(AUTORISES[famille] as readonly Role[]).includes(role)) return 403;
  if (!cible) return 'ok';
  return VOIT[cible].includes(role) ? 'ok' : 404;
}

/** Reads `printRoutes()`: each line is a path segment under its parent, then its methods. */
function routesDe(arbre: string) {
  const routes: Array<{ methode: 'GET' | 'POST'; url: string }> = [];
  const pile: string[] = [];
  for (const ligne of arbre.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(ligne);
    if (!match) continue;
    const profondeur = match[1]!.length / 4;
    pile.length = profondeur;
    pile.push(match[2]!);
    const url = pile.join('').replace(/^\/\//, '/');
    for (const methode of (match[3] ?? '').split(', ')) if (methode === 'GET' || methode === 'POST') routes.push({ methode, url });
  }
  return routes;
}

let built: GuichetApp;
const clients = {} as Record<Role, TestClient>;
const applications = {} as Record<Cible, { id: string; numero: string }>;
const perigueux = agentMairie('24322');
const gironde = agentMairie('33063', '33');

async function connecte(role: Role, index: number): Promise<TestClient> {
  const client = new TestClient(built.app, `192.0.2.${100 + index}`);
  const seConnecter = async (page: string, email: string, password: string) => expect((await client.submit(page, page, { email, password })).statusCode).toBe(303);
  if (role === 'usager') {
    const compte = await createUsager(built);
    await seConnecter('/connexion', compte.email, compte.password);
  } else if (role === 'admin') {
    const compte = await createAdmin(built);
    await seConnecter('/agent/connexion', compte.email, compte.password);
  } else if (role !== 'anonyme') {
    const rattachements: Record<string, [Parameters<typeof createAgent>[1], { communeInsee?: string; departement: string }]> = {
      mairie: ['agent_mairie', { communeInsee: '24322', departement: '24' }],
      mairieAutreCommune: ['agent_mairie', { communeInsee: '24037', departement: '24' }],
      mairieAutreDepartement: ['agent_mairie', { communeInsee: '33063', departement: '33' }],
      instructeur: ['instructeur', { departement: '24' }],
      instructeurAutreDepartement: ['instructeur', { departement: '33' }],
      prefecture: ['agent_prefecture', { departement: '24' }],
      prefectureAutreDepartement: ['agent_prefecture', { departement: '33' }],
    };
    const [agentRole, rattachement] = rattachements[role]!;
    const compte = await createAgent(built, agentRole, rattachement);
    await seConnecter('/agent/connexion', compte.email, compte.password);
  }
  // A page with a form, so that every POST below carries a valid anti-CSRF token.
  await client.get('/suivi');
  return client;
}

beforeAll(async () => {
  built = await createTestApp();
  for (const [index, role] of ROLES.entries()) clients[role] = await connecte(role, index);
  applications.ici = await demandeRecueillie(built, perigueux);
  applications.autreDepartement = await demandeRecueillie(built, gironde);
}, 120_000);
afterAll(async () => {
  await built.app.close();
});

const refusAudites = async () => Number((await sql<{ n: number }>`select count(*) as n from audit_log where outcome = 'refus'`.execute(built.db)).rows[0]!.n);
const dernierRefus = async () => (await sql<{ actor_role: string | null; action: string }>`select actor_role, action from audit_log where outcome = 'refus' order by id desc limit 1`.execute(built.db)).rows[0];
const ROLE_AUDITE: Partial<Record<Role, string>> = { usager: 'usager', admin: 'admin', mairie: 'agent_mairie', mairieAutreCommune: 'agent_mairie', mairieAutreDepartement: 'agent_mairie', instructeur: 'instructeur', instructeurAutreDepartement: 'instructeur', prefecture: 'agent_prefecture', prefectureAutreDepartement: 'agent_prefecture' };

/** Sends the request the way the screen would; an allowed POST gets a fresh application of its own, so nothing leaks between rows. */
async function envoyer(role: Role, methode: 'GET' | 'POST', route: string, cible: Cible | undefined, neuve: boolean) {
  let application = cible ? applications[cible] : undefined;
  if (cible && neuve) application = await demandeRecueillie(built, cible === 'ici' ? perigueux : gironde);
  const url = route.replace(':id', application?.id ?? '').replace(':evenement', 'prendre_en_instruction');
  expect(url, `paramètre sans valeur de test dans ${route}`).not.toContain(':');
  const corps: Record<string, string> = route.startsWith('/prefecture') && application ? { numero: application.numero } : {};
  return methode === 'GET' ? clients[role].get(url) : clients[role].post(url, corps);
}

let requetes = 0;
async function verifier(role: Role, methode: 'GET' | 'POST', route: string, cible: Cible | undefined, prevu: Attendu) {
  requetes += 1;
  const avant = await refusAudites();
  const reponse = await envoyer(role, methode, route, cible, prevu === 'ok' && methode === 'POST');
  const ligne = `${role} ${methode} ${route} ${cible ?? ''}`;
  if (prevu === 'ok') {
    expect([ligne, reponse.statusCode < 500 && ![302, 403, 404].includes(reponse.statusCode)]).toEqual([ligne, true]);
    if (methode === 'GET') expect([ligne, reponse.statusCode]).toEqual([ligne, 200]);
    return;
  }
  expect([ligne, reponse.statusCode]).toEqual([ligne, prevu]);
  if (prevu === 302) return expect([ligne, reponse.headers.location]).toEqual([ligne, '/agent/connexion']);
  if (prevu === 403) expect(reponse.body, ligne).toContain('Accès refusé');
  expect([ligne, await refusAudites()]).toEqual([ligne, avant + 1]);
  expect([ligne, (await dernierRefus())?.actor_role]).toEqual([ligne, ROLE_AUDITE[role]]);
}

describe('authorisation matrix of the agent routes', () => {
  it('reads every agent route from the route table', () => {
    const routes = routesDe(built.app.printRoutes({ commonPrefix: false }));
    // The reader must find the routes we know, or the matrix below would be silently empty.
    expect(routes).toEqual(expect.arrayContaining([{ methode: 'GET', url: '/mairie/demandes/:id' }, { methode: 'POST', url: '/instruction/:id/:evenement' }, { methode: 'POST', url: '/mairie/remise' }]));
  });

  it('gives each role exactly its screens, within its commune or département, and audits every refusal', async () => {
    const routes = routesDe(built.app.printRoutes({ commonPrefix: false })).filter(({ url }) => PREFIXES_AGENT.some((p) => url === p || url.startsWith(`${p}/`)) && !PUBLIQUES.has(url));
    let demandeTitre = 0;
    for (const { methode, url } of routes) {
      const famille = FAMILLES_DEMANDE_TITRE.find(({ motif }) => motif.test(url))?.famille;
      if (!famille) {
        // Another feature's agent screen: closed to visitors and citizens, and a refusal is audited.
        await verifier('anonyme', methode, url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000'), undefined, 302);
        await verifier('usager', methode, url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000'), undefined, 403);
        if (url.startsWith('/admin')) for (const role of ['mairie', 'instructeur', 'prefecture'] as const) await verifier(role, methode, url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000'), undefined, 403);
        continue;
      }
      demandeTitre += 1;
      const cibles: Array<Cible | undefined> = url.includes(':id') || (famille === 'prefecture' && methode === 'POST') ? ['ici', 'autreDepartement'] : [undefined];
      for (const role of ROLES) for (const cible of cibles) await verifier(role, methode, url, cible, attendu(famille, role, cible));
    }
    expect(demandeTitre).toBeGreaterThanOrEqual(20);
    // Every request above met exactly its expected answer: a single unexpected allow fails the test.
    console.info(`matrice d’autorisation : ${routes.length} routes d’agent, ${requetes} requêtes, 0 accès inattendu`);
  }, 240_000);

  it('lets the agent of another commune reach the screens of their own mairie, never this one’s application', async () => {
    const bergerac = await demandeRecueillie(built, agentMairie('24037'));
    expect((await clients.mairieAutreCommune.get(`/mairie/demandes/${bergerac.id}`)).statusCode).toBe(200);
    expect((await clients.mairie.get(`/mairie/demandes/${bergerac.id}`)).statusCode).toBe(404);
    expect((await clients.admin.get('/admin/agents')).statusCode).toBe(200);
  });
});
