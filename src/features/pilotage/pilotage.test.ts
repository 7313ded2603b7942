import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { createAdmin, createAgent, createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

// A small seeded set whose figures are computed by hand below, then read on the page and in the CSV.
// undefined: the real clock (accounts, sessions); a date: the frozen day of the seeded events.
let clock: Date | undefined;
let built: GuichetApp;
const clients: Record<string, TestClient> = {};

const agent = (commune: string, departement: string): Principal => ({ userId: '00000000-0000-4000-8000-0000000000a1', kind: 'agent', role: 'agent_mairie', communeInsee: commune, departement, displayName: 'Agent' });
const perigueux = agent('24322', '24');
const bergerac = agent('24037', '24');
const bordeaux = agent('33063', '33');
const instructeur: Principal = { ...perigueux, role: 'instructeur', communeInsee: null };

async function recueillir(mairie: Principal, titre: 'cni' | 'passeport', origine: 'pre_demande' | 'cerfa') {
  return built.demandes.recueillir(mairie, {
    titre,
    origine,
    pre_demande_numero: origine === 'pre_demande' ? `PD${Math.random().toString(36).slice(2, 10).toUpperCase()}` : null,
    commune_remise: mairie.communeInsee!,
    usager_id: null,
    nom: 'MARTIN',
    prenoms: 'Jeanne',
    date_naissance: '1980-01-01',
    mobile: null,
    email: null,
    timbre_requis: false,
    timbre_numero: null,
    timbre_consomme: false,
    capture: null,
  });
}

async function jusquEnInstruction(id: string) {
  await built.demandes.enregistrerCapture(perigueux, id, { dispositif: 'DR-24322-1', captureeLe: clock ?? new Date(), qualitePhoto: 90, qualiteEmpreintes: 90 });
  expect(await built.demandes.appliquer(perigueux, id, 'transmettre')).toMatchObject({ ok: true });
  expect(await built.demandes.appliquer(instructeur, id, 'prendre_en_instruction')).toMatchObject({ ok: true });
}

async function jusquADisponible(id: string, le: string) {
  await jusquEnInstruction(id);
  expect(await built.demandes.appliquer(instructeur, id, 'accorder')).toMatchObject({ ok: true });
  expect(await built.demandes.appliquer('systeme', id, 'lancer_production', { numeroTitre: `26XX${id.slice(0, 5)}` })).toMatchObject({ ok: true });
  clock = new Date(le);
  expect(await built.demandes.appliquer(perigueux, id, 'receptionner')).toMatchObject({ ok: true, vers: 'disponible' });
}

async function signedIn(role: 'agent_mairie' | 'agent_prefecture' | 'instructeur', rattachement: { communeInsee?: string; departement: string }) {
  const compte = await createAgent(built, role, rattachement);
  const client = new TestClient(built.app);
  expect((await client.submit('/agent/connexion', '/agent/connexion', { email: compte.email, password: compte.password })).statusCode).toBe(303);
  return client;
}

beforeAll(async () => {
  built = await createTestApp({ now: () => clock ?? new Date() });
  // Accounts first, in real time: the message worker must see their invitations as due.
  clients.prefecture = await signedIn('agent_prefecture', { departement: '24' });
  clients.perigueux = await signedIn('agent_mairie', { communeInsee: '24322', departement: '24' });
  clients.gironde = await signedIn('instructeur', { departement: '33' });
  clock = new Date('2026-03-10T09:00:00Z');
  // March 2026: Périgueux A, B (pré-demande, CNI), C (Cerfa, passeport, later refused); Bergerac D (Cerfa, CNI);
  // Bordeaux, another département, two Cerfa that must never show in the Dordogne.
  const a = await recueillir(perigueux, 'cni', 'pre_demande');
  const b = await recueillir(perigueux, 'cni', 'pre_demande');
  const c = await recueillir(perigueux, 'passeport', 'cerfa');
  await recueillir(bergerac, 'cni', 'cerfa');
  await recueillir(bordeaux, 'cni', 'cerfa');
  await recueillir(bordeaux, 'cni', 'cerfa');
  await jusquEnInstruction(c.id);
  expect(await built.demandes.appliquer(instructeur, c.id, 'refuser', { motif: 'Justificatif de domicile falsifié' })).toMatchObject({ ok: true, vers: 'refusee' });
  await jusquADisponible(a.id, '2026-03-20T09:00:00Z'); // 10 days
  clock = new Date('2026-03-25T09:00:00Z');
  expect(await built.demandes.appliquer(perigueux, a.id, 'remettre', { identiteVerifiee: true })).toMatchObject({ ok: true }); // 5 days
  clock = new Date('2026-03-10T09:00:00Z');
  await jusquADisponible(b.id, '2026-03-30T09:00:00Z'); // 20 days
  // April: nothing at all. May: Périgueux G (pré-demande, passeport). July: B, never collected, is destroyed.
  clock = new Date('2026-05-15T09:00:00Z');
  await recueillir(perigueux, 'passeport', 'pre_demande');
  clock = new Date('2026-07-01T09:00:00Z');
  expect(await built.demandes.appliquer('systeme', b.id, 'detruire')).toMatchObject({ ok: true, vers: 'detruite' });

  clock = undefined;
});
afterAll(async () => {
  await built.app.close();
});

const periode = 'du=2026-03&au=2026-07';
const lignesCsv = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
const ligne = (body: string, debut: string) => lignesCsv(body).find((l) => l[0] === debut);

describe('pilotage: the pré-demande rate computed by hand, on the page and in the CSV', () => {
  it('gives the département rate, month by month, with an empty month and a refused application still counted', async () => {
    const page = await clients.prefecture!.get(`/pilotage?${periode}`);
    expect(page.statusCode).toBe(200);
    // 3 with a pré-demande (A, B, G) out of 5 collected (A, B, C refused, D, G) = 60 %.
    expect(page.body).toContain('<strong>60,0 %</strong>');
    // March 2 of 4 = 50 %, May 1 of 1 = 100 %: +50 points.
    expect(page.body).toContain('<strong>+50,0 pt</strong>');
    expect(page.body).toContain('<th scope="row">mars 2026</th><td>2</td><td>2</td><td>4</td><td>50,0 %</td><td>3</td><td>66,7 %</td><td>1</td><td>0,0 %</td>');
    expect(page.body).toContain('<th scope="row">avril 2026</th><td>0</td><td>0</td><td>0</td><td>—</td>');
    expect(page.body).toContain('role="img"');

    const csv = await clients.prefecture!.get(`/pilotage/export.csv?figure=mois&${periode}`);
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(ligne(csv.body, 'mars 2026')).toEqual(['mars 2026', '2', '2', '4', '50,0', '3', '66,7', '1', '0,0']);
    expect(ligne(csv.body, 'avril 2026')).toEqual(['avril 2026', '0', '0', '0', '', '0', '', '0', '']);
    expect(ligne(csv.body, 'mai 2026')).toEqual(['mai 2026', '1', '0', '1', '100,0', '0', '', '1', '100,0']);
  });

  it('ranks the mairies furthest below the département rate first', async () => {
    const csv = await clients.prefecture!.get(`/pilotage/export.csv?figure=mairies&${periode}`);
    const lignes = lignesCsv(csv.body);
    expect(lignes[1]).toEqual(['Bergerac', '24037', '0', '1', '1', '0,0', '-60,0', '0,0', '']);
    expect(lignes[2]).toEqual(['Périgueux', '24322', '3', '1', '4', '75,0', '15,0', '100,0', '50,0']);
    expect(lignes.some((l) => l[1]?.startsWith('33'))).toBe(false);
    const page = await clients.prefecture!.get(`/pilotage?${periode}`);
    expect(page.body.indexOf('<th scope="row">Bergerac</th>')).toBeLessThan(page.body.indexOf('<th scope="row">Périgueux</th>'));
    expect(page.body).toContain('−60,0 pt');
  });

  it('reads delays from the histograms and counts titles handed over and destroyed', async () => {
    const delais = await clients.prefecture!.get(`/pilotage/export.csv?figure=delais&${periode}`);
    // recueil → disponible: 10 and 20 days, median 10, p90 20; disponible → remise: 5 days.
    expect(ligne(delais.body, 'Ensemble')).toEqual(['Ensemble', 'Du recueil à la mise à disposition', '2', '10', '20']);
    expect(lignesCsv(delais.body).find((l) => l[0] === 'Ensemble' && l[1] === 'De la mise à disposition à la remise')).toEqual(['Ensemble', 'De la mise à disposition à la remise', '1', '5', '5']);
    // One pré-demande expired unused in May, one in December (outside the period).
    const usager = await createUsager(built);
    for (const [numero, le] of [['EXPIREE001', '2026-05-10T00:00:00Z'], ['EXPIREE002', '2026-12-10T00:00:00Z']]) {
      await built.db.insertInto('pre_demandes').values({ user_id: usager.account.id, numero, statut: 'expiree', validee_le: new Date('2026-01-01'), expire_le: new Date(le!) }).execute();
    }
    const reseau = await clients.prefecture!.get(`/pilotage/export.csv?figure=reseau&${periode}`);
    expect(ligne(reseau.body, 'Pré-demandes expirées sans avoir été utilisées')?.[1]).toBe('1');
    expect(ligne(reseau.body, 'Titres remis')?.[1]).toBe('1');
    expect(ligne(reseau.body, 'Titres non retirés et détruits')?.[1]).toBe('1');
    expect(ligne(reseau.body, 'Pré-demandes faites avec l’aide d’un espace numérique')?.[1]).toBe('0');
    const volumes = await clients.prefecture!.get(`/pilotage/export.csv?figure=volumes&${periode}`);
    expect(ligne(volumes.body, 'Périgueux')?.slice(1, 2)).toEqual(['4']);
  });

  it('filters by titre', async () => {
    const csv = await clients.prefecture!.get(`/pilotage/export.csv?figure=mairies&${periode}&titre=passeport`);
    expect(ligne(csv.body, 'Périgueux')?.slice(2, 6)).toEqual(['1', '1', '2', '50,0']);
  });

  it('shows a mairie agent their commune only, and another département only its own data', async () => {
    const csv = await clients.perigueux!.get(`/pilotage/export.csv?figure=mairies&${periode}`);
    expect(lignesCsv(csv.body).slice(1).map((l) => l[1])).toEqual(['24322']);
    const page = await clients.perigueux!.get(`/pilotage?${periode}`);
    expect(page.body).toContain('<strong>75,0 %</strong>');
    expect(page.body).not.toContain('Bergerac');

    const gironde = await clients.gironde!.get(`/pilotage/export.csv?figure=mairies&${periode}`);
    expect(lignesCsv(gironde.body).slice(1).map((l) => l.slice(1, 6))).toEqual([['33063', '0', '2', '2', '0,0']]);
    expect(gironde.body).not.toContain('24322');
  });

  it('keeps the answers and explains each bad filter in French, never a 500', async () => {
    const page = await clients.prefecture!.get('/pilotage?du=2026-13&au=2026-01&titre=permis&arrondissement=999');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Saisissez le mois de début sous la forme AAAA-MM');
    expect(page.body).toContain('Choisissez un titre dans la liste.');
    expect(page.body).toContain('Choisissez un arrondissement dans la liste.');
    expect(page.body).toContain('value="2026-13"');
    const inverse = await clients.prefecture!.get('/pilotage?du=2026-05&au=2026-01');
    expect(inverse.body).toContain('Le mois de début doit précéder le mois de fin.');
    expect((await clients.prefecture!.get('/pilotage/export.csv?figure=inconnue')).statusCode).toBe(400);
  });

  it('lets an administrator choose the whole country, and refuses citizens', async () => {
    const admin = await createAdmin(built);
    const client = new TestClient(built.app);
    await client.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
    const csv = await client.get(`/pilotage/export.csv?figure=departements&${periode}&departement=FR`);
    expect(lignesCsv(csv.body).slice(1)).toEqual([
      ['24', '3', '2', '5', '60,0'],
      ['33', '0', '2', '2', '0,0'],
    ]);
    // The national view reads the per-département histograms: same figures as the Dordogne's.
    const delais = await client.get(`/pilotage/export.csv?figure=delais&${periode}&departement=FR`);
    expect(ligne(delais.body, 'Ensemble')).toEqual(['Ensemble', 'Du recueil à la mise à disposition', '2', '10', '20']);
    const anonyme = await new TestClient(built.app).get('/pilotage');
    expect(anonyme.statusCode).toBe(302);
  });
});
