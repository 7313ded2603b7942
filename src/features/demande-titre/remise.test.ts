import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { createAgent } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { simulateurDispositif, type ScenarioVerification } from './dispositif-recueil.ts';
import { agentMairie, demandeDisponible, demandeRecueillie } from './test-demandes.ts';

// The remise through the real pages: finding the title (number or name + birth date), the
// identity check through the dispositif de recueil or the legal representative, the old title.
const clock = new Date('2026-11-27T09:00:00Z');
const scenarios = new Map<string, ScenarioVerification>();
let built: GuichetApp;
let mairie: TestClient;
const perigueux = agentMairie('24322');
const bergerac = agentMairie('24037');

beforeAll(async () => {
  built = await createTestApp({
    now: () => clock,
    dispositifRecueil: (commune) => simulateurDispositif(`DR-${commune}-1`, { verification: (reference) => scenarios.get(reference) ?? 'concordance' }),
  });
  const compte = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
  mairie = new TestClient(built.app);
  expect((await mairie.submit('/agent/connexion', '/agent/connexion', { email: compte.email, password: compte.password })).statusCode).toBe(303);
});
afterAll(async () => {
  await built.app.close();
});

const controles = async (id: string) => (await sql<{ resultat: string; methode: string; agent_id: string | null; representant_nom: string | null }>`select resultat, methode, agent_id, representant_nom from demandes_titres_controles_remise where demande_id = ${id} order by id`.execute(built.db)).rows;
const etat = async (id: string) => (await sql<{ etat: string; ancien_titre: string | null }>`select etat, ancien_titre from demandes_titres where id = ${id}`.execute(built.db)).rows[0];

describe('finding the title to hand over', () => {
  it('finds it by the number on the récépissé (typed or scanned), only when it waits in this mairie', async () => {
    const disponible = await demandeDisponible(built, perigueux);
    const enCours = await demandeRecueillie(built, perigueux);
    const ailleurs = await demandeDisponible(built, bergerac);
    await mairie.get('/mairie/remise');
    const trouve = await mairie.post('/mairie/remise', { recherche: 'numero', numero: ` ${disponible.numero.toLowerCase()} ` });
    expect(trouve.statusCode).toBe(303);
    expect(trouve.headers.location).toBe(`/mairie/demandes/${disponible.id}`);
    const pasPret = await mairie.post('/mairie/remise', { recherche: 'numero', numero: enCours.numero });
    expect(pasPret.statusCode).toBe(404);
    expect(pasPret.body).toContain('elle est recueillie en mairie');
    const autreMairie = await mairie.post('/mairie/remise', { recherche: 'numero', numero: ailleurs.numero });
    expect(autreMairie.statusCode).toBe(404);
    expect(autreMairie.body).toContain('Aucun titre n’attend dans votre mairie sous ce numéro');
    expect(autreMairie.body).not.toContain(ailleurs.id);
    const mauvais = await mairie.post('/mairie/remise', { recherche: 'numero', numero: 'ABC' });
    expect(mauvais.statusCode).toBe(400);
    expect(mauvais.body).toContain('Le numéro de demande a la forme D-24-K7M2QX9P');
    expect(mauvais.body).toContain('value="ABC"');
  });

  it('lists every title waiting here for a name and birth date, whatever the accents and case', async () => {
    const personne = { nom: 'LÉVÊQUE-DURAND', dateNaissance: '1972-02-29' };
    const cni = await demandeDisponible(built, perigueux, { ...personne, titre: 'cni', prenoms: 'Anne' });
    const passeport = await demandeDisponible(built, perigueux, { ...personne, titre: 'passeport', prenoms: 'Anne' });
    const homonyme = await demandeDisponible(built, perigueux, { ...personne, prenoms: 'Paul' });
    const autreJour = await demandeDisponible(built, perigueux, { ...personne, dateNaissance: '1972-03-01' });
    const pasEncore = await demandeRecueillie(built, perigueux, personne);
    const autreMairie = await demandeDisponible(built, bergerac, personne);
    await mairie.get('/mairie/remise');
    const liste = await mairie.post('/mairie/remise', { recherche: 'identite', nom: 'leveque durand', date_naissance: '1972-02-29' });
    expect(liste.statusCode).toBe(200);
    for (const attendu of [cni, passeport, homonyme]) expect(liste.body).toContain(`/mairie/demandes/${attendu.id}`);
    for (const exclu of [autreJour, pasEncore, autreMairie]) expect(liste.body).not.toContain(exclu.id);
    expect(liste.body).toContain('Titres disponibles dans votre mairie (3)');
    expect(liste.body).toContain('value="leveque durand"');

    const aucun = await mairie.post('/mairie/remise', { recherche: 'identite', nom: 'Inconnu', date_naissance: '1972-02-29' });
    expect(aucun.statusCode).toBe(404);
    expect(aucun.body).toContain('Aucun titre n’attend dans votre mairie pour ce nom');
    const incomplet = await mairie.post('/mairie/remise', { recherche: 'identite', nom: '', date_naissance: '1972-02-30x' });
    expect(incomplet.statusCode).toBe(400);
    expect(incomplet.body).toContain('Saisissez le nom de naissance du titulaire');
    expect(incomplet.body).toContain('Saisissez la date de naissance du titulaire');
    // A date that looks like one but is not (month 13, year 0) is a typing error, never a 500.
    for (const date_naissance of ['2024-13-45', '0000-01-01', '1985-02-29']) {
      const faux = await mairie.post('/mairie/remise', { recherche: 'identite', nom: 'Martin', date_naissance });
      expect([date_naissance, faux.statusCode]).toEqual([date_naissance, 400]);
    }

    // Searches are audited with their outcome, never with the name or the date searched.
    const audit = (await listAudit(built.db, { objectType: 'demande_titre', limit: 500 })).filter((row) => row.action === 'rechercher-titre-a-remettre');
    expect(audit.some((row) => row.details.recherche === 'nom' && row.details.resultats === 3)).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/leveque|1972/i);
  });

  it('keeps the search form out of URLs and slows a sweep down', async () => {
    const page = await mairie.get('/mairie/remise');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<form method="post" action="\/mairie\/remise"/g)).toHaveLength(2);
    const statuts: number[] = [];
    for (let i = 0; i < 45; i += 1) statuts.push((await mairie.post('/mairie/remise', { recherche: 'identite', nom: `Balayage${i}`, date_naissance: '1990-01-01' })).statusCode);
    expect(statuts.at(-1)).toBe(429);
    expect(statuts.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

describe('identity check at the remise', () => {
  it('hands over after the fingerprints match, and records the check and the old title', async () => {
    const demande = await demandeDisponible(built, perigueux);
    const page = await mairie.get(`/mairie/demandes/${demande.id}`);
    expect(page.body).toContain('Vérifier les empreintes et remettre le titre');
    expect(page.body).not.toContain('representant_nom');
    // A value that is a property of every object is still not an answer of the form.
    expect((await mairie.post(`/mairie/demandes/${demande.id}/remettre`, { ancien: 'constructor' })).statusCode).toBe(400);
    const remise = await mairie.post(`/mairie/demandes/${demande.id}/remettre`, { ancien: 'oui' });
    expect(remise.statusCode).toBe(303);
    expect(await etat(demande.id)).toEqual({ etat: 'remise', ancien_titre: 'restitue' });
    expect(await controles(demande.id)).toMatchObject([{ methode: 'empreintes', resultat: 'concordance' }]);
    expect((await controles(demande.id))[0]!.agent_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses the remise when the fingerprints do not match, with a clear message, and records the attempt', async () => {
    const demande = await demandeDisponible(built, perigueux);
    scenarios.set(demande.numero, 'discordance');
    await mairie.get(`/mairie/demandes/${demande.id}`);
    const refus = await mairie.post(`/mairie/demandes/${demande.id}/remettre`, { ancien: 'aucun' });
    expect(refus.statusCode).toBe(409);
    expect(refus.body).toContain('Les empreintes ne correspondent pas à celles recueillies pour ce titre : ne le remettez pas.');
    expect(refus.body).toContain('Empreintes non concordantes');
    expect(refus.body).toMatch(/id="champ-ancien-aucun" name="ancien" value="aucun" checked/);
    expect(await etat(demande.id)).toEqual({ etat: 'disponible', ancien_titre: null });
    expect(await controles(demande.id)).toMatchObject([{ resultat: 'discordance' }]);
    const audit = (await listAudit(built.db, { objectType: 'demande_titre', limit: 500 })).filter((row) => row.object_id === demande.id && row.action === 'controler-identite-remise');
    expect(audit).toMatchObject([{ outcome: 'refus', details: { methode: 'empreintes', resultat: 'discordance' } }]);
  });

  it('offers a new attempt when the device fails, and hands over once it answers', async () => {
    const demande = await demandeDisponible(built, perigueux);
    scenarios.set(demande.numero, 'panne');
    await mairie.get(`/mairie/demandes/${demande.id}`);
    const panne = await mairie.post(`/mairie/demandes/${demande.id}/remettre`, { ancien: 'perdu_vole' });
    expect(panne.statusCode).toBe(503);
    expect(panne.body).toContain('Le dispositif de recueil ne répond pas');
    expect(panne.body).toContain('Réessayer la vérification des empreintes');
    expect(await etat(demande.id)).toMatchObject({ etat: 'disponible' });
    scenarios.set(demande.numero, 'concordance');
    expect((await mairie.post(`/mairie/demandes/${demande.id}/remettre`, { ancien: 'perdu_vole' })).statusCode).toBe(303);
    expect(await etat(demande.id)).toEqual({ etat: 'remise', ancien_titre: 'perdu_vole' });
    expect((await controles(demande.id)).map((c) => c.resultat)).toEqual(['dispositif_indisponible', 'concordance']);
  });

  it('under 12, asks for the legal representative instead of fingerprints and records who was there', async () => {
    const enfant = await demandeDisponible(built, perigueux, { dateNaissance: '2018-06-01', nom: 'PETIT' });
    scenarios.set(enfant.numero, 'discordance');
    const page = await mairie.get(`/mairie/demandes/${enfant.id}`);
    expect(page.body).toContain('Représentant légal présent');
    expect(page.body).not.toContain('Vérifier les empreintes');
    const incomplet = await mairie.post(`/mairie/demandes/${enfant.id}/remettre`, { ancien: 'aucun', representant_nom: 'Marie Petit' });
    expect(incomplet.statusCode).toBe(400);
    expect(incomplet.body).toContain('Indiquez si le représentant légal est la mère, le père ou le tuteur.');
    expect(incomplet.body).toContain('Vérifiez la pièce d’identité du représentant légal');
    expect(incomplet.body).toContain('value="Marie Petit"');
    expect(await controles(enfant.id)).toEqual([]);
    const remise = await mairie.post(`/mairie/demandes/${enfant.id}/remettre`, { ancien: 'aucun', representant_nom: 'Marie Petit', representant_qualite: 'mere', representant_piece: 'oui' });
    expect(remise.statusCode).toBe(303);
    expect(await etat(enfant.id)).toEqual({ etat: 'remise', ancien_titre: 'aucun' });
    expect(await controles(enfant.id)).toMatchObject([{ methode: 'representant_legal', resultat: 'representant_present', representant_nom: 'Marie Petit' }]);
    expect((await mairie.get(`/mairie/demandes/${enfant.id}`)).body).toContain('Marie Petit (mère)');
  });

  it('refuses to hand over a title that is not waiting, or that waits in another mairie', async () => {
    const recueillie = await demandeRecueillie(built, perigueux);
    await mairie.get(`/mairie/demandes/${recueillie.id}`);
    const tot = await mairie.post(`/mairie/demandes/${recueillie.id}/remettre`, { ancien: 'oui' });
    expect(tot.statusCode).toBe(400);
    expect(tot.body).toContain('Impossible de « remettre » une demande recueillie en mairie.');
    const ailleurs = await demandeDisponible(built, bergerac);
    expect((await mairie.post(`/mairie/demandes/${ailleurs.id}/remettre`, { ancien: 'oui' })).statusCode).toBe(404);
    expect(await etat(ailleurs.id)).toMatchObject({ etat: 'disponible' });
    expect(await controles(ailleurs.id)).toEqual([]);
  });
});
