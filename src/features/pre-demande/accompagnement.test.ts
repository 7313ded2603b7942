// Intégration : mode accompagné (mairie avec espace numérique) — code à usage unique, aide
// enregistrée sur la pré-demande et montrée à l'usager, refus hors espace numérique, ce que
// l'agent voit (et ne voit pas), audit, et le chiffre du pilotage.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { createAdmin, createAgent, createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { compterPreDemandeAccompagnee } from '../pilotage/index.ts';
import { preDemandeRepository } from './pre-demande-repository.ts';
import { adultePasseportRenouvellement, commencer, remplir } from './test-parcours.ts';

const ESPACE = '24004';
const SANS = '24011';

let built: GuichetApp;
let agent: TestClient;
let agentSans: TestClient;
let prefecture: TestClient;

async function connecterAgent(rattachement: { communeInsee?: string; departement: string }, role: 'agent_mairie' | 'agent_prefecture' = 'agent_mairie') {
  const compte = await createAgent(built, role, rattachement);
  const client = new TestClient(built.app, '203.0.113.90');
  expect((await client.submit('/agent/connexion', '/agent/connexion', { email: compte.email, password: compte.password })).statusCode).toBe(303);
  return client;
}

async function usagerConnecte(ip: string) {
  const usager = await createUsager(built);
  const client = new TestClient(built.app, ip);
  await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
  return { usager, client };
}

async function valider(client: TestClient, id: string): Promise<string> {
  await remplir(client, id, adultePasseportRenouvellement());
  expect((await client.post(`/pre-demande/${id}/verifier`)).statusCode).toBe(303);
  return /id="numero-pre-demande">([A-Z0-9]+)</.exec((await client.get(`/pre-demande/${id}`)).body)![1]!;
}

async function code(): Promise<{ code: string; id: string }> {
  await agent.get('/mairie/accompagnement');
  const page = await agent.post('/mairie/accompagnement');
  expect(page.statusCode).toBe(200);
  expect(page.headers['cache-control']).toBe('no-store');
  return { code: /id="code-accompagnement">\s*([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(page.body)![1]!, id: /href="\/mairie\/accompagnement\/([0-9a-f-]{36})"/.exec(page.body)![1]! };
}

beforeAll(async () => {
  built = await createTestApp();
  const compteAdmin = await createAdmin(built);
  const admin = new TestClient(built.app, '203.0.113.91');
  await admin.submit('/agent/connexion', '/agent/connexion', { email: compteAdmin.email, password: compteAdmin.password });
  expect((await admin.submit(`/admin/communes/${ESPACE}/niveau`, `/admin/communes/${ESPACE}/niveau`, { niveau: 'espace_numerique' })).statusCode).toBe(303);
  expect((await admin.submit(`/admin/communes/${SANS}/niveau`, `/admin/communes/${SANS}/niveau`, { niveau: 'aucun' })).statusCode).toBe(303);
  agent = await connecterAgent({ communeInsee: ESPACE, departement: '24' });
  agentSans = await connecterAgent({ communeInsee: SANS, departement: '24' });
  prefecture = await connecterAgent({ departement: '24' }, 'agent_prefecture');
}, 180_000);
afterAll(async () => {
  await built?.app.close();
});

describe('assisted mode (mairie avec espace numérique)', () => {
  it('refuses, and audits, an agent whose mairie has no espace numérique; refuses citizens', async () => {
    expect((await agentSans.get('/mairie/accompagnement')).statusCode).toBe(403);
    expect((await agentSans.post('/mairie/accompagnement')).statusCode).toBe(403);
    expect((await listAudit(built.db, { objectType: 'accompagnement' })).some((a) => a.action === 'accompagnement-refuse' && a.outcome === 'refus' && a.actor_commune === SANS)).toBe(true);
    const { client } = await usagerConnecte('203.0.113.92');
    expect((await client.get('/mairie/accompagnement')).statusCode).toBe(403);
  });

  it('records the help on the pré-demande started in the session, shows it to the citizen, and lets the agent see nothing else', async () => {
    const { usager, client } = await usagerConnecte('203.0.113.93');
    // A pré-demande the person made alone, before coming to the mairie.
    const seule = await commencer(client);
    const numeroSeule = await valider(client, seule);

    const session = await code();
    await client.get('/accompagnement');
    const faux = await client.post('/accompagnement', { code: 'ABCD-EFGH' });
    expect(faux.statusCode).toBe(400);
    expect(faux.body).toContain('Ce code n’est pas valable');
    expect(faux.body).toContain('value="ABCD-EFGH"');
    expect((await client.post('/accompagnement', { code: session.code.toLowerCase() })).headers.location).toBe('/mon-espace');
    expect((await client.get('/mon-espace')).body).toContain('Session accompagnée');

    const aidee = await commencer(client);
    const numeroAidee = await valider(client, aidee);
    const resultat = (await client.get(`/pre-demande/${aidee}`)).body;
    expect(resultat).toMatch(/Pré-demande commencée avec l’aide de Agent agent_mairie, espace numérique de la mairie de [^,]+, le /);
    expect((await client.get(`/pre-demande/${seule}`)).body).not.toContain('avec l’aide de');
    const espace = (await client.get('/mon-espace')).body;
    expect(espace.match(/commencée avec l’aide de/g)).toHaveLength(1);

    const pdf = await client.get(`/pre-demande/${aidee}/recapitulatif.pdf`);
    const fichier = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aide-')), 'recap.pdf');
    fs.writeFileSync(fichier, pdf.rawPayload);
    expect(execFileSync('pdftotext', [fichier, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('avec l’aide de Agent agent_mairie');

    const enregistree = await preDemandeRepository(built.db).trouver(aidee, usager.account.id);
    expect(enregistree?.aide).toMatchObject({ accompagnementId: session.id, commune: ESPACE, agentNom: 'Agent agent_mairie' });
    expect(enregistree?.aide?.agentId).toMatch(/^[0-9a-f-]{36}$/);

    // The agent sees the pré-demande started in the session, never the person's other one.
    const suivi = await agent.get(`/mairie/accompagnement/${session.id}`);
    expect(suivi.body).toContain(numeroAidee);
    expect(suivi.body).not.toContain(numeroSeule);
    expect((await agent.get(`/pre-demande/${seule}`)).statusCode).toBe(403);
    expect((await agent.get(`/pre-demande/${seule}/recapitulatif.pdf`)).statusCode).toBe(403);
    expect((await agentSans.get(`/mairie/accompagnement/${session.id}`)).statusCode).toBe(403);

    // Once the citizen ends it, the agent sees only a count; a new pré-demande carries no help.
    expect((await client.post('/accompagnement/terminer')).statusCode).toBe(303);
    const apres = await agent.get(`/mairie/accompagnement/${session.id}`);
    expect(apres.body).not.toContain(numeroAidee);
    expect(apres.body).toContain('1 pré-demande(s)');
    const plusTard = await commencer(client);
    await valider(client, plusTard);
    expect((await client.get(`/pre-demande/${plusTard}`)).body).not.toContain('avec l’aide de');

    // The code served once: another account cannot reuse it.
    const autre = await usagerConnecte('203.0.113.94');
    await autre.client.get('/accompagnement');
    expect((await autre.client.post('/accompagnement', { code: session.code })).statusCode).toBe(400);

    const journal = await listAudit(built.db, { objectType: 'accompagnement', limit: 500 });
    expect(journal.some((a) => a.action === 'demarrer-accompagnement' && a.object_id === session.id && a.actor_commune === ESPACE)).toBe(true);
    expect(journal.some((a) => a.action === 'rejoindre-accompagnement' && a.object_id === session.id && a.actor_id === usager.account.id)).toBe(true);
    expect(journal.some((a) => a.action === 'consulter-accompagnement' && a.object_id === session.id)).toBe(true);
  });

  it('another agent of the same espace numérique cannot open a session that is not theirs', async () => {
    const session = await code();
    const collegue = await connecterAgent({ communeInsee: ESPACE, departement: '24' });
    expect((await collegue.get(`/mairie/accompagnement/${session.id}`)).statusCode).toBe(404);
  });

  it('limits the attempts at guessing a code', async () => {
    const { client } = await usagerConnecte('203.0.113.95');
    await client.get('/accompagnement');
    for (let i = 0; i < 5; i += 1) expect((await client.post('/accompagnement', { code: `ZZZZ-ZZZ${i + 2}` })).statusCode).toBe(400);
    expect((await client.post('/accompagnement', { code: 'ZZZZ-ZZZZ' })).statusCode).toBe(429);
  });

  it('counts the assisted pré-demandes per espace numérique in the pilotage dashboard and its CSV', async () => {
    // By hand: in this file, exactly one pré-demande was validated in an assisted session
    // (at ESPACE); the person's own and the one made after the session do not count.
    const mois = new Date().toISOString().slice(0, 7);
    const csv = await prefecture.get(`/pilotage/export.csv?figure=accompagnement&du=${mois}&au=${mois}`);
    expect(csv.statusCode).toBe(200);
    const lignes = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
    expect(lignes.slice(1).map((l) => [l[1], l[2]])).toEqual([[ESPACE, '1']]);
    const reseau = await prefecture.get(`/pilotage/export.csv?figure=reseau&du=${mois}&au=${mois}`);
    expect(reseau.body).toContain('Pré-demandes faites avec l’aide d’un espace numérique;1;');
    const page = await prefecture.get(`/pilotage?du=${mois}&au=${mois}`);
    expect(page.body).toContain('Pré-demandes validées avec l’aide d’un espace numérique');
  });

  it('adds the months of the period, keeps each espace numérique apart and leaves other départements out', async () => {
    const compter = (commune: string, jour: string) => built.inTransaction((trx) => compterPreDemandeAccompagnee(trx, commune, new Date(`${jour}T10:00:00Z`)));
    for (const [commune, jour] of [[ESPACE, '2025-01-03'], [ESPACE, '2025-01-30'], [SANS, '2025-01-15'], [ESPACE, '2025-02-01'], ['33063', '2025-01-10'], [ESPACE, '2025-03-01']] as const) await compter(commune, jour);
    const figure = async (du: string, au: string) => {
      const csv = await prefecture.get(`/pilotage/export.csv?figure=accompagnement&du=${du}&au=${au}`);
      return csv.body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(';').slice(1));
    };
    // By hand: January 2 + 1; January–February 3 + 1; Gironde (33063) never in the Dordogne's figure.
    expect(await figure('2025-01', '2025-01')).toEqual([[ESPACE, '2'], [SANS, '1']]);
    expect(await figure('2025-01', '2025-02')).toEqual([[ESPACE, '3'], [SANS, '1']]);
    expect(await figure('2024-06', '2024-12')).toEqual([]);
  });
});
