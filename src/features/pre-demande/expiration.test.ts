import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { pseudonymizer } from '../../kernel/auth/pseudonym.ts';
import { rateLimiter } from '../../kernel/http/rate-limit.ts';
import { createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp, testConfig } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { preDemandeRepository } from './pre-demande-repository.ts';
import { ajouterMois, preDemandeService } from './pre-demande-service.ts';
import { dateCourte } from './vues.tsx';
import { adultePasseportRenouvellement, commencer, remplir } from './test-parcours.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

async function signedIn(ip: string) {
  const usager = await createUsager(built);
  const client = new TestClient(built.app, ip);
  await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
  return { usager, client };
}

/** The same service, as it runs at another moment (the sweep, or a visit months later). */
function serviceAt(now: () => Date) {
  return preDemandeService({
    db: built.db,
    inTransaction: built.inTransaction,
    now,
    publicUrl: new URL('http://localhost:3000'),
    serviceName: 'Guichet Titres',
    rateLimiter: rateLimiter(built.db, now),
    pseudonymize: pseudonymizer(Buffer.from('essai')),
  });
}

describe('pré-demande validity', () => {
  it('expires after its validity period (recorded as done by the system) and renews in one click', async () => {
    const { usager, client } = await signedIn('203.0.113.30');
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement());
    await client.post(`/pre-demande/${id}/verifier`);
    const sevenMonthsLater = () => new Date(Date.now() + 7 * 31 * 86_400_000);
    const later = serviceAt(sevenMonthsLater);
    expect((await later.lister(usager.account.id)).map((pd) => pd.statut)).toEqual(['expiree']);
    expect((await preDemandeRepository(built.db).historique(id)).at(-1)).toMatchObject({ evenement: 'expirer', de: 'validee', vers: 'expiree', acteurRole: 'systeme', acteurId: null });

    const page = await client.get(`/pre-demande/${id}`);
    expect(page.body).toContain('Expirée');
    expect(page.body).not.toContain('QR code du numéro');
    const renewed = await client.post(`/pre-demande/${id}/renouveler`);
    const copy = String(renewed.headers.location).split('/').at(-1)!;
    expect(copy).not.toBe(id);
    expect((await client.get(`/pre-demande/${copy}`)).headers.location).toBe(`/pre-demande/${copy}/verifier`);
    expect((await client.get(`/pre-demande/${copy}/verifier`)).body).toContain('Jean-Édouard');
  });

  it('takes its validity from PRE_DEMANDE_VALIDITE_MOIS (6 months by default), checked at start', async () => {
    expect(testConfig().preDemandeValiditeMois).toBe(6);
    expect(() => testConfig({}, { PRE_DEMANDE_VALIDITE_MOIS: '0' })).toThrow(/PRE_DEMANDE_VALIDITE_MOIS/);
    expect(() => testConfig({}, { PRE_DEMANDE_VALIDITE_MOIS: 'six' })).toThrow(/PRE_DEMANDE_VALIDITE_MOIS/);
    const trois = await createTestApp({ config: testConfig({}, { PRE_DEMANDE_VALIDITE_MOIS: '3' }) });
    try {
      const usager = await createUsager(trois);
      const client = new TestClient(trois.app, '203.0.113.32');
      await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
      const id = await commencer(client);
      await remplir(client, id, adultePasseportRenouvellement());
      await client.post(`/pre-demande/${id}/verifier`);
      const pd = (await preDemandeRepository(trois.db).trouver(id, usager.account.id))!;
      expect(pd.expireLe!.toISOString()).toBe(ajouterMois(pd.valideeLe!, 3).toISOString());
      expect((await client.get(`/pre-demande/${id}`)).body).toContain(`Valable jusqu’au ${dateCourte(ajouterMois(pd.valideeLe!, 3))}`);
    } finally {
      await trois.app.close();
    }
  });

  it('reminds the owner once before expiry, then the sweep records the expiry', async () => {
    const { usager, client } = await signedIn('203.0.113.31');
    const id = await commencer(client);
    await remplir(client, id, adultePasseportRenouvellement());
    await client.post(`/pre-demande/${id}/verifier`);
    const expireLe = (await preDemandeRepository(built.db).trouver(id, usager.account.id))!.expireLe!;

    const tenDaysBefore = serviceAt(() => new Date(expireLe.getTime() - 10 * 86_400_000));
    await tenDaysBefore.balayer();
    await tenDaysBefore.balayer();
    const reminders = (await built.outbox.list({ limit: 500 })).filter((m) => m.template === 'pre-demande.rappel-expiration' && m.recipient === usager.email);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.values.lien).toBe(`http://localhost:3000/pre-demande/${id}`);

    const oneDayAfter = serviceAt(() => new Date(expireLe.getTime() + 86_400_000));
    expect((await oneDayAfter.balayer()).expirees).toBeGreaterThanOrEqual(1);
    expect((await preDemandeRepository(built.db).trouver(id, usager.account.id))?.statut).toBe('expiree');
  });
});
