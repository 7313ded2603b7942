import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { httpSmsChannel } from '../../kernel/notifications/channels.ts';
import { createAgent } from '../../kernel/testing/factories.ts';
import { startSmsGateway } from '../../kernel/testing/loopback-peers.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';

let clock = new Date('2026-11-27T09:00:00Z');
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let built: GuichetApp;
const clients: Record<string, TestClient> = {};

async function signedIn(role: 'agent_mairie' | 'agent_prefecture' | 'instructeur', rattachement: { communeInsee?: string; departement: string }) {
  const agent = await createAgent(built, role, rattachement);
  const client = new TestClient(built.app);
  const response = await client.submit('/agent/connexion', '/agent/connexion', { email: agent.email, password: agent.password });
  expect(response.statusCode).toBe(303);
  return client;
}

beforeAll(async () => {
  gateway = await startSmsGateway();
  built = await createTestApp({ now: () => clock, channels: { sms: httpSmsChannel(gateway.url, undefined) } });
  clients.perigueux = await signedIn('agent_mairie', { communeInsee: '24322', departement: '24' });
  clients.bergerac = await signedIn('agent_mairie', { communeInsee: '24037', departement: '24' });
  clients.instructeur = await signedIn('instructeur', { departement: '24' });
  clients.instructeur33 = await signedIn('instructeur', { departement: '33' });
  clients.prefecture = await signedIn('agent_prefecture', { departement: '24' });
});
afterAll(async () => {
  await built.app.close();
  await gateway.close();
});

const idDe = (location: string | undefined) => /\/mairie\/demandes\/([0-9a-f-]{36})/.exec(location ?? '')?.[1];

describe('a paper Cerfa through the real pages, from the mairie to the remise', () => {
  it('keys in, captures, transmits, instructs, produces, receives with one SMS, and hands over', async () => {
    const mairie = clients.perigueux!;
    await mairie.get('/mairie/cerfa');
    const invalide = await mairie.post('/mairie/cerfa', { titre: 'cni', motif: 'renouvellement', nom: 'Durand', prenoms: '', date_naissance: '1985-13-45', mobile: '01 02 03 04 05', email: '' });
    expect(invalide.statusCode).toBe(400);
    expect(invalide.body).toContain('Saisissez les prénoms');
    expect(invalide.body).toContain('date réelle');
    expect(invalide.body).toContain('value="Durand"');

    const cree = await mairie.post('/mairie/cerfa', { titre: 'cni', motif: 'renouvellement', nom: 'Durand', prenoms: 'Élise, Marie', date_naissance: '1985-06-15', mobile: '06 11 22 33 44', email: 'elise@exemple.fr' });
    expect(cree.statusCode).toBe(303);
    const id = idDe(cree.headers.location)!;
    expect(id).toBeDefined();

    const refusTransmission = await mairie.submit(`/mairie/demandes/${id}`, `/mairie/demandes/${id}/transmettre`, {});
    expect(refusTransmission.statusCode).toBe(400);
    expect(refusTransmission.body).toContain('La photo et les empreintes n’ont pas été recueillies');

    let tentative = 1;
    for (; tentative < 10; tentative += 1) {
      const capture = await mairie.submit(`/mairie/demandes/${id}`, `/mairie/demandes/${id}/capture`, { tentative: String(tentative) });
      if (capture.statusCode === 303) break;
      expect(capture.body).toContain('qualité insuffisante');
    }
    expect((await mairie.submit(`/mairie/demandes/${id}`, `/mairie/demandes/${id}/transmettre`, {})).statusCode).toBe(303);

    expect((await clients.bergerac!.get(`/mairie/demandes/${id}`)).statusCode).toBe(404);
    expect((await clients.instructeur33!.get(`/instruction/${id}`)).statusCode).toBe(404);
    const file = await clients.instructeur!.get('/instruction');
    expect(file.body).toContain(`/instruction/${id}`);
    const recepisse = await mairie.get(`/mairie/demandes/${id}/recepisse.pdf`);
    expect(recepisse.headers['content-type']).toBe('application/pdf');
    expect(recepisse.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await clients.bergerac!.get(`/mairie/demandes/${id}/recepisse.pdf`)).statusCode).toBe(404);
    const instructeur = clients.instructeur!;
    expect((await instructeur.submit(`/instruction/${id}`, `/instruction/${id}/prendre_en_instruction`, {})).statusCode).toBe(303);
    const sansMotif = await instructeur.submit(`/instruction/${id}`, `/instruction/${id}/refuser`, { motif: '' });
    expect(sansMotif.statusCode).toBe(400);
    expect(sansMotif.body).toContain('Le motif est obligatoire');
    expect((await instructeur.submit(`/instruction/${id}`, `/instruction/${id}/accorder`, {})).statusCode).toBe(303);

    expect(await built.production.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect(await built.production.runOnce()).toBe(1);
    const numeroTitre = /Numéro du titre<\/dt><dd>(\w+)</.exec((await mairie.get(`/mairie/demandes/${id}`)).body)?.[1];
    expect(numeroTitre).toMatch(/^26[A-Z]{2}\d{5}$/);

    await mairie.get('/mairie/reception');
    const reception = await mairie.post('/mairie/reception', { numeros: `${numeroTitre}\nXX000\n` });
    expect(reception.body).toContain('réceptionné, demandeur prévenu');
    expect(reception.body).toContain('format de numéro de titre invalide');
    await mairie.get('/mairie/reception');
    const encore = await mairie.post('/mairie/reception', { numeros: numeroTitre! });
    expect(encore.statusCode).toBe(400);
    await built.worker.runOnce();
    expect(gateway.received.filter((sms) => sms.body.to === '+33611223344')).toHaveLength(1);

    const sansAncienTitre = await mairie.submit(`/mairie/demandes/${id}`, `/mairie/demandes/${id}/remettre`, {});
    expect(sansAncienTitre.statusCode).toBe(400);
    expect(sansAncienTitre.body).toContain('Indiquez si l’ancien titre est restitué');
    expect((await mairie.submit(`/mairie/demandes/${id}`, `/mairie/demandes/${id}/remettre`, { ancien: 'oui' })).statusCode).toBe(303);
    const fin = await mairie.get(`/mairie/demandes/${id}`);
    expect(fin.body).toContain('remise à son titulaire');
    expect(fin.body).toContain('Restitué à la remise');
    expect(fin.body).toContain('Empreintes concordantes');

    const audit = await listAudit(built.db, { objectType: 'demande_titre', limit: 500 });
    expect(audit.filter((row) => row.object_id === id && row.outcome === 'refus').length).toBeGreaterThanOrEqual(2);
  });
});

/** Buys one adult passport stamp through the real shop and sandbox bank; returns its number. */
async function acheterTimbrePasseport(): Promise<string> {
  const acheteur = new TestClient(built.app, '192.0.2.200');
  const pas = async (page: string, champs: Record<string, string>) => expect((await acheteur.submit(page, page, champs)).statusCode).toBe(303);
  await pas('/timbre/demarche', { demarche: 'passeport' });
  await pas('/timbre/age', { age: 'majeur' });
  await pas('/timbre/formulaire', { quantite: '1' });
  await pas('/timbre/reception', { mode: 'courriel', courriel: 'acheteur@exemple.fr' });
  const validation = await acheteur.submit('/timbre/validation', '/timbre/validation', {});
  const paiement = String(validation.headers.location);
  await pas(paiement, { numero: '4970 1000 0000 0014', expiration: '12/30', cvv: '123' });
  await acheteur.submit(`${paiement}/3ds`, `${paiement}/3ds`, { code: '123456', action: 'confirmer' });
  const [livraison] = (await built.outbox.list({ limit: 50 })).filter((m) => m.template === 'timbre.livraison-courriel');
  return (JSON.parse(livraison!.values.timbres!) as Array<{ numero: string }>)[0]!.numero;
}

describe('a passport needs its tax stamp, consumed once at the recueil', () => {
  it('refuses to transmit until the stamp is verified and consumed, and refuses the same stamp twice', async () => {
    const mairie = clients.perigueux!;
    await mairie.get('/mairie/cerfa');
    const premiere = idDe((await mairie.post('/mairie/cerfa', { titre: 'passeport', motif: 'premiere', nom: 'Petit', prenoms: 'Léa', date_naissance: '1980-01-01', mobile: '', email: '' })).headers.location)!;
    await mairie.get('/mairie/cerfa');
    const seconde = idDe((await mairie.post('/mairie/cerfa', { titre: 'passeport', motif: 'premiere', nom: 'Grand', prenoms: 'Léo', date_naissance: '1981-01-01', mobile: '', email: '' })).headers.location)!;
    const numero = await acheterTimbrePasseport();

    const mauvais = await mairie.submit(`/mairie/demandes/${premiere}`, `/mairie/demandes/${premiere}/timbre`, { timbre: '1234' });
    expect(mauvais.body).toContain('16 chiffres');
    const consomme = await mairie.submit(`/mairie/demandes/${premiere}`, `/mairie/demandes/${premiere}/timbre`, { timbre: numero });
    expect(/fr-alert__title">[^<]*<\/h2><p>([^<]*)/.exec(consomme.body)?.[1] ?? "").toBe("");
    expect(consomme.statusCode).toBe(303);
    expect((await mairie.get(`/mairie/demandes/${premiere}`)).body).toContain(`Consommé (${numero})`);
    const deuxiemeFois = await mairie.submit(`/mairie/demandes/${seconde}`, `/mairie/demandes/${seconde}/timbre`, { timbre: numero });
    expect(deuxiemeFois.statusCode).toBe(400);
    expect(deuxiemeFois.body).toMatch(/déjà consommé/i);
  });
});

describe('agent screens are scoped by role and territory', () => {
  const routes = ['/mairie/demandes', '/mairie/cerfa', '/mairie/reception', '/instruction', '/prefecture/recherche'];
  it.each([
    ['perigueux', [200, 200, 200, 403, 403]],
    ['instructeur', [403, 403, 403, 200, 403]],
    ['prefecture', [403, 403, 403, 403, 200]],
  ] as const)('%s sees only their screens', async (who, statuses) => {
    for (const [index, route] of routes.entries()) expect([route, (await clients[who]!.get(route)).statusCode]).toEqual([route, statuses[index]]);
  });

  it('sends anonymous visitors to the agent sign-in', async () => {
    for (const route of routes) expect((await new TestClient(built.app).get(route)).headers.location).toBe('/agent/connexion');
  });
});

describe('public status check', () => {
  it('answers with the status only for the right number and birth date, and is rate-limited', async () => {
    const mairie = clients.perigueux!;
    await mairie.get('/mairie/cerfa');
    const cree = await mairie.post('/mairie/cerfa', { titre: 'cni', motif: 'premiere', nom: 'Martin', prenoms: 'Paul', date_naissance: '2001-02-03', mobile: '', email: '' });
    const page = await mairie.get(cree.headers.location!);
    const numero = /Numéro de demande<\/dt><dd>([A-Z0-9-]+)</.exec(page.body)![1]!;
    const visiteur = new TestClient(built.app, '198.51.100.77');
    const bon = await visiteur.submit('/suivi', '/suivi', { numero, date: '2001-02-03' });
    expect(bon.statusCode).toBe(200);
    expect(bon.body).toContain('recueillie en mairie');
    expect(bon.body).toContain('Périgueux');
    expect(bon.body).not.toContain('Martin');
    expect((await visiteur.submit('/suivi', '/suivi', { numero, date: '2001-02-04' })).statusCode).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await visiteur.submit('/suivi', '/suivi', { numero, date: `2001-03-0${i + 1}` })).statusCode);
    expect(statuses).toContain(429);

    const prefecture = clients.prefecture!;
    await prefecture.get('/prefecture/recherche');
    const trouve = await prefecture.post('/prefecture/recherche', { numero });
    expect(trouve.statusCode).toBe(200);
    expect(trouve.body).toContain('Historique de la demande');
    expect(trouve.body).not.toContain('<form method="post" action="/mairie');
  });
});

describe('only a mairie equipped with a dispositif de recueil collects applications', () => {
  it('refuses the recueil screens to the agent of a commune without a DR', async () => {
    const sansDr = await signedIn('agent_mairie', { communeInsee: '24001', departement: '24' });
    for (const route of ['/mairie/recueil', '/mairie/cerfa', '/mairie/demandes', '/mairie/reception']) expect([route, (await sansDr.get(route)).statusCode]).toEqual([route, 403]);
    expect((await sansDr.get('/agent')).statusCode).toBe(200);
  });
});
