import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { createAdmin, createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { statutApi } from './api-routes.ts';
import { preDemandeRepository } from './pre-demande-repository.ts';
import { adultePasseportRenouvellement, commencer, remplir } from './test-parcours.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

async function jetonEditeur(admin: TestClient, nom: string) {
  await admin.get('/admin/editeurs-api');
  const page = await admin.post('/admin/editeurs-api', { nom });
  return /<code>([\w-]+)<\/code>/.exec(page.body)![1]!;
}

const ask = (ids: string, token?: string) =>
  built.app.inject({ method: 'GET', url: `/api/v1/pre-demandes/status?application_ids=${ids}`, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('status API for appointment software', () => {
  it('answers each number with its status only, for an editor holding a live token', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '203.0.113.60');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement());
    await client.post(`/pre-demande/${id}/verifier`);
    const numero = /id="numero-pre-demande">([A-Z0-9]+)</.exec((await client.get(`/pre-demande/${id}`)).body)![1]!;

    const admin = await createAdmin(built);
    const adminClient = new TestClient(built.app, '203.0.113.61');
    await adminClient.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
    const token = await jetonEditeur(adminClient, 'Agenda Mairies SA');

    const response = await ask(`${numero},ZZZZZZZZZZ,pas-un-numero`, token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      [numero]: { status: 'validated', appointments: [] },
      ZZZZZZZZZZ: { status: 'unknown', appointments: [] },
      'PAS-UN-NUMERO': { status: 'unknown', appointments: [] },
    });
    expect(response.body).not.toContain('Jean');
    expect((await listAudit(built.db, { objectType: 'api_editeur' })).map((row) => row.action)).toEqual(expect.arrayContaining(['creer-editeur-api', 'api-statuts-pre-demandes']));

    await client.post(`/pre-demande/${id}/annuler`);
    expect((await ask(numero, token)).json()[numero].status).toBe('unknown');

    const editeurs = await adminClient.get('/admin/editeurs-api');
    const revoke = /action="(\/admin\/editeurs-api\/[0-9a-f-]+\/revoquer)"/.exec(editeurs.body)![1]!;
    expect((await adminClient.post(revoke)).statusCode).toBe(303);
    expect((await ask(numero, token)).statusCode).toBe(401);
  });

  it('refuses callers without a token, too many numbers, and keeps the page for administrators only', async () => {
    expect((await ask('ABCDEFGHJK')).statusCode).toBe(401);
    expect((await ask('ABCDEFGHJK', 'x'.repeat(43))).statusCode).toBe(401);
    const admin = await createAdmin(built);
    const adminClient = new TestClient(built.app, '203.0.113.62');
    await adminClient.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
    const token = await jetonEditeur(adminClient, 'Éditeur B');
    const many = Array.from({ length: 51 }, (_, i) => `ABCDE${10_000 + i}`).join(',');
    expect((await ask(many, token)).statusCode).toBe(400);
    expect((await ask('', token)).statusCode).toBe(400);
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '203.0.113.63');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    expect((await client.get('/admin/editeurs-api')).statusCode).toBe(403);
    expect((await built.app.inject('/api/v1/pre-demandes/openapi.json')).json().paths['/api/v1/pre-demandes/status']).toBeDefined();
  });

  it('answers declared with its appointments once one is booked, and the pré-demande stays usable at the mairie', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '203.0.113.64');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement());
    await client.post(`/pre-demande/${id}/verifier`);
    const numero = /id="numero-pre-demande">([A-Z0-9]+)</.exec((await client.get(`/pre-demande/${id}`)).body)![1]!;
    const admin = await createAdmin(built);
    const adminClient = new TestClient(built.app, '203.0.113.65');
    await adminClient.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
    const token = await jetonEditeur(adminClient, 'Agenda C');

    expect(await built.preDemandes.declarerRendezVous('ZZZZZZZZZZ', { date: new Date(), lieu: 'Mairie', lienGestion: null }, 'essai')).toEqual({ ok: false, raison: 'inconnue' });
    expect(await built.preDemandes.declarerRendezVous(numero, { date: new Date(), lieu: 'Mairie', lienGestion: 'javascript:alert(1)' }, 'essai')).toEqual({ ok: false, raison: 'lien-invalide' });
    const premier = { date: new Date('2030-03-04T08:45:00Z'), lieu: 'Mairie de Périgueux', lienGestion: 'https://rdv.exemple.fr/gerer/1' };
    expect(await built.preDemandes.declarerRendezVous(numero, premier, 'essai')).toEqual({ ok: true });
    expect(await built.preDemandes.declarerRendezVous(numero, { date: new Date('2030-02-01T13:30:00Z'), lieu: 'Mairie de Bergerac', lienGestion: null }, 'essai')).toEqual({ ok: true });

    expect((await ask(numero, token)).json()).toEqual({
      [numero]: {
        status: 'declared',
        appointments: [
          { meeting_point: 'Mairie de Bergerac', appointment_date: '2030-02-01T13:30:00.000Z', management_url: null },
          { meeting_point: 'Mairie de Périgueux', appointment_date: '2030-03-04T08:45:00.000Z', management_url: 'https://rdv.exemple.fr/gerer/1' },
        ],
      },
    });
    expect((await preDemandeRepository(built.db).historique(id)).at(-1)).toMatchObject({ evenement: 'declarer', de: 'validee', vers: 'declaree' });
    const page = (await client.get(`/pre-demande/${id}`)).body;
    expect(page).toContain('Rendez-vous pris');
    expect(page).toContain('Mes rendez-vous');
    expect(page).toContain('Mairie de Bergerac');
    expect((await built.preDemandes.pourRecueil(numero)).ok).toBe(true);

    await client.post(`/pre-demande/${id}/annuler`);
    expect((await ask(numero, token)).json()[numero]).toEqual({ status: 'unknown', appointments: [] });
    expect((await built.preDemandes.declarerRendezVous(numero, premier, 'essai')).ok).toBe(false);
  });

  it('maps our statuses to the national vocabulary, expiring on the date even before it is recorded', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(statutApi('validee', new Date('2026-07-01T00:00:00Z'), now)).toBe('validated');
    expect(statutApi('validee', new Date('2026-05-01T00:00:00Z'), now)).toBe('expired');
    expect(statutApi('declaree', new Date('2026-07-01T00:00:00Z'), now)).toBe('declared');
    expect(statutApi('declaree', new Date('2026-05-01T00:00:00Z'), now)).toBe('expired');
    expect(statutApi('consommee', null, now)).toBe('consumed');
    expect(statutApi('expiree', null, now)).toBe('expired');
    expect(statutApi('annulee', null, now)).toBe('unknown');
    expect(statutApi(undefined, null, now)).toBe('unknown');
  });
});
