import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { rateLimiter } from '../../kernel/http/rate-limit.ts';
import { createAgent } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { acheter, numerosDans, payer } from './achat-de-test.ts';
import { formaterNumero } from './numero.ts';
import { timbresRepository } from './timbres-repository.ts';
import { NUMEROS_INCONNUS, verificationService } from './verification-service.ts';

let built: GuichetApp;
let service: ReturnType<typeof verificationService>;
beforeAll(async () => {
  built = await createTestApp();
  service = verificationService({ db: built.db, inTransaction: built.inTransaction, now: () => new Date(), rateLimiter: rateLimiter(built.db, () => new Date()), estMairieDR: () => Promise.resolve(true) });
});
afterAll(async () => {
  await built.app.close();
});

async function agentMairie(commune = '24322') {
  const { email, password } = await createAgent(built, 'agent_mairie', { communeInsee: commune, departement: '24' });
  const client = new TestClient(built.app);
  expect((await client.submit('/agent/connexion', '/agent/connexion', { email, password })).statusCode).toBe(303);
  const compte = (await built.comptes.listAgents()).find((a) => a.email === email)!;
  const principal: Principal = { userId: compte.id, kind: 'agent', role: 'agent_mairie', communeInsee: commune, departement: '24', displayName: compte.displayName };
  return { client, principal };
}

async function timbreAchete(c: { demarche?: string; age?: string } = {}) {
  const acheteur = new TestClient(built.app);
  const paiementId = await acheter(acheteur, c);
  await payer(acheteur, paiementId);
  await acheteur.get('/timbre/retour');
  return numerosDans((await acheteur.get('/timbre/confirmation')).body)[0]!;
}

describe('verification at the mairie', () => {
  it('shows status, amount, usage and dates, then consumes the stamp once for a dossier', async () => {
    const numero = await timbreAchete();
    const { client } = await agentMairie();
    await client.get('/agent/timbres');
    const fiche = await client.post('/agent/timbres', { numero: formaterNumero(numero) });
    expect(fiche.statusCode).toBe(200);
    expect(fiche.body).toContain('Valide');
    expect(fiche.body).toContain('86,00');
    expect(fiche.body).toContain('Passeport — personne majeure');
    const consomme = await client.post('/agent/timbres/consommer', { numero, usage: 'passeport-majeur', reference: 'PD-24-000123' });
    expect(consomme.body).toContain('est consommé pour le dossier PD-24-000123');
    const encore = await client.post('/agent/timbres/consommer', { numero, usage: 'passeport-majeur', reference: 'PD-24-000999' });
    expect(encore.statusCode).toBe(409);
    expect(encore.body).toContain('Timbre déjà consommé');
    expect((await timbresRepository(built.db).historique(numero)).map((h) => h.evenement)).toEqual(['emettre', 'consommer']);
  });

  it('refuses with the reason: wrong usage or amount, mistyped number, unknown, expired', async () => {
    const cni = await timbreAchete({ demarche: 'cni-perte-vol' });
    const { client, principal } = await agentMairie();
    await client.get('/agent/timbres');
    const mauvaisUsage = await client.post('/agent/timbres/consommer', { numero: cni, usage: 'passeport-majeur', reference: 'PD-24-000124' });
    expect(mauvaisUsage.statusCode).toBe(422);
    expect(mauvaisUsage.body).toContain('ne correspond pas à cette démarche');
    const faute = `${cni.slice(0, 5)}${(Number(cni[5]) + 1) % 10}${cni.slice(6)}`;
    expect((await client.post('/agent/timbres', { numero: faute })).body).toContain('clé de contrôle incorrecte');
    expect((await client.post('/agent/timbres', { numero: '12' })).body).toContain('16 chiffres');
    expect(await service.verifierTimbre('0000000000000098', 'passeport-majeur')).toMatchObject({ ok: false, motif: 'inconnu' });
    const expire = await timbreAchete();
    await sql`update timbres set expire_le = now() - interval '1 day' where numero = ${expire}`.execute(built.db);
    const refus = await service.consommerTimbre(expire, 'passeport-majeur', 'PD-24-000125', principal);
    expect(refus).toMatchObject({ ok: false, motif: 'expire' });
    expect((await timbresRepository(built.db).trouver(expire))?.statut).toBe('expire');
    expect(await service.verifierTimbre(cni, 'cni-perte-vol')).toMatchObject({ ok: true });
  });

  it.each([1, 2, 3])('200 concurrent consumptions of one stamp: one success, 199 "déjà consommé", one row, 200 audited (run %i)', async () => {
    const numero = await timbreAchete();
    const { principal } = await agentMairie();
    const resultats = await Promise.all(Array.from({ length: 200 }, (_, i) => service.consommerTimbre(numero, 'passeport-majeur', `PD-24-${String(i).padStart(6, '0')}`, principal)));
    expect(resultats.filter((r) => r.ok)).toHaveLength(1);
    const refus = resultats.filter((r) => !r.ok);
    expect(refus).toHaveLength(199);
    expect(refus.every((r) => r.message === 'Timbre déjà consommé.')).toBe(true);
    expect(await timbresRepository(built.db).compterConsommations(numero)).toBe(1);
    const audit = (await listAudit(built.db, { actorId: principal.userId, limit: 1000 })).filter((a) => a.object_id === numero && a.action === 'consommer-timbre');
    expect(audit).toHaveLength(200);
    expect(audit.filter((a) => a.outcome === 'succes')).toHaveLength(1);
  });

  it('rate-limits lookups per agent and records the burst as a security event', async () => {
    // A fixed clock keeps all 35 lookups inside one rate-limit window.
    const horloge = () => new Date('2026-11-27T10:00:30Z');
    const limite = verificationService({ db: built.db, inTransaction: built.inTransaction, now: horloge, rateLimiter: rateLimiter(built.db, horloge), estMairieDR: () => Promise.resolve(true) });
    const { client, principal } = await agentMairie();
    const motifs: string[] = [];
    for (let i = 0; i < 35; i += 1) {
      const r = await limite.consulter('0000000000000098', principal);
      motifs.push(r.ok ? 'ok' : r.motif);
    }
    // 20 unknown numbers per agent and 10 minutes are looked up; past that, nothing is.
    expect(motifs.slice(0, NUMEROS_INCONNUS.limit).every((m) => m === 'inconnu')).toBe(true);
    expect(motifs.slice(NUMEROS_INCONNUS.limit).every((m) => m === 'trop-de-consultations')).toBe(true);
    const evenements = (await listAudit(built.db, { actorId: principal.userId })).filter((a) => a.action === 'consultations-timbres-en-rafale');
    expect(evenements).toHaveLength(1);
    const autre = await agentMairie();
    expect((await limite.consulter('0000000000000098', autre.principal)).ok).toBe(false);
    expect(await limite.consulter('0000000000000098', autre.principal)).toMatchObject({ motif: 'inconnu' });
    await client.get('/agent/timbres');
    expect((await client.post('/agent/timbres', { numero: '0000000000000098' })).statusCode).toBe(404);
  });

  it('keeps the page and the API to mairie agents; the API answers in JSON', async () => {
    const anonyme = new TestClient(built.app);
    expect((await anonyme.get('/agent/timbres')).headers.location).toBe('/agent/connexion');
    const numero = await timbreAchete();
    const { client } = await agentMairie();
    const page = await client.get('/agent/timbres');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = `gt_session=${client.cookie('gt_session')}`;
    const api = (url: string, body: unknown) => built.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const lu = await api('/api/agent/timbres/verification', { numero });
    expect(lu.statusCode).toBe(200);
    expect(lu.json()).toMatchObject({ ok: true, timbre: { numero, statut: 'valide', montantCentimes: 8600, usage: 'passeport-majeur' } });
    expect((await api('/api/agent/timbres/consommation', { numero, usage: 'passeport-majeur', referenceDossier: 'PD-24-000200' })).statusCode).toBe(200);
    const deux = await api('/api/agent/timbres/consommation', { numero, usage: 'passeport-majeur', referenceDossier: 'PD-24-000200' });
    expect(deux.statusCode).toBe(409);
    expect(deux.json()).toMatchObject({ ok: false, code: 'deja-consomme', message: 'Timbre déjà consommé.' });
    const spec = await built.app.inject('/api/agent/timbres/openapi.json');
    expect(spec.json().paths).toHaveProperty(['/api/agent/timbres/consommation']);
  });

  it('lets only a DR mairie consume a stamp, and stops consuming unknown numbers past the allowance', async () => {
    const numero = await timbreAchete();
    const sansDr = await agentMairie('24011');
    await sansDr.client.get('/agent/timbres');
    const refuse = await sansDr.client.post('/agent/timbres/consommer', { numero, usage: 'passeport-majeur', reference: 'PD-24-000300' });
    expect(refuse.statusCode).toBe(403);
    expect(refuse.body).toContain('Seule une mairie équipée d’un dispositif de recueil consomme un timbre');
    // Looking it up stays allowed (a mairie may inform), and the stamp is still valid.
    expect((await sansDr.client.post('/agent/timbres', { numero })).statusCode).toBe(200);
    expect((await timbresRepository(built.db).trouver(numero))?.statut).toBe('valide');

    const dr = await agentMairie('24322');
    await dr.client.get('/agent/timbres');
    const statuts: number[] = [];
    for (let i = 0; i < NUMEROS_INCONNUS.limit + 3; i += 1) {
      statuts.push((await dr.client.post('/agent/timbres/consommer', { numero: '0000000000000098', usage: 'passeport-majeur', reference: `PD-24-0004${String(i).padStart(2, '0')}` })).statusCode);
    }
    expect(statuts.slice(0, NUMEROS_INCONNUS.limit).every((s) => s === 404)).toBe(true);
    expect(statuts.slice(NUMEROS_INCONNUS.limit).every((s) => s === 429)).toBe(true);
    // Past the allowance nothing is looked up for this agent until the window ends, a real stamp included.
    expect((await dr.client.post('/agent/timbres/consommer', { numero, usage: 'passeport-majeur', reference: 'PD-24-000301' })).statusCode).toBe(429);
  });
});
