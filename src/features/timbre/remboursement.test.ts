import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { GuichetApp } from '../../app.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { rateLimiter } from '../../kernel/http/rate-limit.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { acheter, numerosDans, payer } from './achat-de-test.ts';
import { commandesRepository } from './commandes-repository.ts';
import { formaterNumero } from './numero.ts';
import { sandboxRepository } from './paiement/sandbox-repository.ts';
import { timbresRepository } from './timbres-repository.ts';
import { verificationService } from './verification-service.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

// Each buyer has their own address so the per-client refund limit never interferes.
let ip = 10;
async function achat(quantite = '1') {
  const client = new TestClient(built.app, `198.51.100.${(ip += 1)}`);
  const paiementId = await acheter(client, { quantite });
  await payer(client, paiementId);
  const page = (await client.get('/timbre/confirmation')).body;
  const reference = /(TF-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(page)![1]!;
  return { client, paiementId, reference, numeros: numerosDans(page) };
}

const agent: Principal = { userId: '00000000-0000-4000-8000-000000000001', kind: 'agent', role: 'agent_mairie', communeInsee: '24322', departement: null, displayName: 'Agent' };

describe('refund of an unused stamp', () => {
  it('refunds through the provider with stamp and transaction numbers; the stamp can no longer be used', async () => {
    const { client, paiementId, reference, numeros } = await achat('2');
    await client.get('/timbre/remboursement');
    const r = await client.post('/timbre/remboursement', { numero: formaterNumero(numeros[0]!), transaction: reference.toLowerCase() });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Remboursement enregistré');
    expect(r.body).toContain('86,00');
    expect((await timbresRepository(built.db).trouver(numeros[0]!))?.statut).toBe('rembourse');
    expect((await timbresRepository(built.db).remboursement(numeros[0]!))?.remboursement_id).toMatch(/^rbt_/);
    expect((await sandboxRepository(built.db).trouver(paiementId))?.rembourse_centimes).toBe(8600);
    const encore = await client.post('/timbre/remboursement', { numero: numeros[0]!, transaction: reference });
    expect(encore.statusCode).toBe(422);
    expect(encore.body).toContain('Timbre remboursé');
    const service = verificationService({ db: built.db, inTransaction: built.inTransaction, now: () => new Date(), rateLimiter: rateLimiter(built.db, () => new Date()), estMairieDR: () => Promise.resolve(true) });
    expect(await service.consommerTimbre(numeros[0]!, 'passeport-majeur', 'PD-24-000001', agent)).toMatchObject({ ok: false, motif: 'rembourse' });
    expect((await timbresRepository(built.db).trouver(numeros[1]!))?.statut).toBe('valide');
  });

  it('refuses a wrong transaction number, a used stamp, a late request, and bad formats next to the fields', async () => {
    const { client, reference, numeros } = await achat('3');
    await client.get('/timbre/remboursement');
    const autre = await achat();
    expect((await client.post('/timbre/remboursement', { numero: numeros[0]!, transaction: autre.reference })).body).toContain('Aucun timbre ne correspond');
    const service = verificationService({ db: built.db, inTransaction: built.inTransaction, now: () => new Date(), rateLimiter: rateLimiter(built.db, () => new Date()), estMairieDR: () => Promise.resolve(true) });
    await service.consommerTimbre(numeros[1]!, 'passeport-majeur', 'PD-24-000002', agent);
    expect((await client.post('/timbre/remboursement', { numero: numeros[1]!, transaction: reference })).body).toContain('Timbre déjà consommé');
    await sql`update timbres set remboursable_jusqu_au = now() - interval '1 day' where numero = ${numeros[2]!}`.execute(built.db);
    expect((await client.post('/timbre/remboursement', { numero: numeros[2]!, transaction: reference })).body).toContain('délai de remboursement est dépassé');
    const formats = await client.post('/timbre/remboursement', { numero: '1234', transaction: 'abc' });
    expect(formats.statusCode).toBe(400);
    expect(formats.body).toContain('16 chiffres');
    expect(formats.body).toContain('TF-XXXX-XXXX');
    expect(formats.body).toContain('value="1234"');
  });

  it('refund and consumption racing on the same stamps: exactly one of the two wins each time', async () => {
    const { reference, numeros } = await achat('5');
    const suite = await achat('5');
    const service = verificationService({ db: built.db, inTransaction: built.inTransaction, now: () => new Date(), rateLimiter: rateLimiter(built.db, () => new Date()), estMairieDR: () => Promise.resolve(true) });
    const courses = [...numeros.map((n) => ({ n, reference })), ...suite.numeros.map((n) => ({ n, reference: suite.reference }))];
    const issues = await Promise.all(
      courses.map(async ({ n, reference: ref }, i) => {
        const refund = new TestClient(built.app, `203.0.113.${i + 1}`);
        await refund.get('/timbre/remboursement');
        const [consommation, remboursement] = await Promise.all([service.consommerTimbre(n, 'passeport-majeur', `PD-24-1000${i}`, agent), refund.post('/timbre/remboursement', { numero: n, transaction: ref })]);
        return { n, consomme: consommation.ok, rembourse: remboursement.statusCode === 200 };
      }),
    );
    for (const issue of issues) {
      expect(issue.consomme !== issue.rembourse, issue.n).toBe(true);
      const statut = (await timbresRepository(built.db).trouver(issue.n))?.statut;
      expect(statut).toBe(issue.consomme ? 'consomme' : 'rembourse');
      expect(await timbresRepository(built.db).compterConsommations(issue.n)).toBe(issue.consomme ? 1 : 0);
    }
    const commande = (await commandesRepository(built.db).parReference(reference))!;
    const rembourses = issues.filter((i) => i.rembourse && numeros.includes(i.n)).length;
    expect((await sandboxRepository(built.db).trouver(commande.paiementId!))?.rembourse_centimes).toBe(rembourses * 8600);
  });
});
