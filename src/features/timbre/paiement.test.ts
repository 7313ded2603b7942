import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { GuichetApp } from '../../app.ts';
import { loadSharedSecret } from '../../kernel/db/secrets-repository.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { acheter, numerosDans, payer } from './achat-de-test.ts';
import { commandesRepository } from './commandes-repository.ts';
import { sandboxRepository } from './paiement/sandbox-repository.ts';
import { signer } from './paiement/signature.ts';
import { paiementService } from './paiement-service.ts';
import { timbresRepository } from './timbres-repository.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

const webhook = (corps: string, signature?: string) =>
  built.app.inject({ method: 'POST', url: '/timbre/paiement/notification', headers: { 'content-type': 'application/json', ...(signature ? { 'x-sandbox-signature': signature } : {}) }, payload: corps });

async function etat(paiementId: string) {
  const commande = (await commandesRepository(built.db).parPaiement(paiementId))!;
  const timbres = await timbresRepository(built.db).deLaCommande(commande.id);
  const messages = (await built.outbox.list({ limit: 500 })).filter((m) => m.template.startsWith('timbre.livraison') && m.values.transaction === commande.reference);
  return { commande, timbres, messages };
}

describe('payment idempotency', () => {
  it('the same signed notification 20 times, before and after the browser return: one paid order, one set, one message', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client, { quantite: '2' });
    // This card's notification is lost on the way: the test delivers it itself, 20 times.
    await payer(client, paiementId, '4970100000000055');
    const p = (await sandboxRepository(built.db).trouver(paiementId))!;
    expect(p.statut).toBe('reussi');
    expect((await etat(paiementId)).commande.statut).toBe('en_attente');

    const reponses = await Promise.all(Array.from({ length: 10 }, () => webhook(p.derniere_notification!, p.derniere_signature!)));
    expect(reponses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(reponses.filter((r) => r.json().issue === 'appliquee')).toHaveLength(1);
    expect((await client.get('/timbre/retour')).headers.location).toBe('/timbre/confirmation');
    for (let i = 0; i < 10; i += 1) expect((await webhook(p.derniere_notification!, p.derniere_signature!)).json().issue).toBe('deja-recue');
    expect((await client.get('/timbre/retour')).headers.location).toBe('/timbre/confirmation');

    const { commande, timbres, messages } = await etat(paiementId);
    expect(commande.statut).toBe('payee');
    expect(timbres).toHaveLength(2);
    expect(messages).toHaveLength(1);
    expect(numerosDans((await client.get('/timbre/confirmation')).body).sort()).toEqual(timbres.map((t) => t.numero).sort());
  });

  it('the browser return alone (no notification ever) completes the order', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client);
    await payer(client, paiementId, '4970100000000055');
    expect((await client.get('/timbre/retour')).headers.location).toBe('/timbre/confirmation');
    const { timbres, messages } = await etat(paiementId);
    expect(timbres).toHaveLength(1);
    expect(messages).toHaveLength(1);
  });

  it('the notification alone (browser closed) completes the order; a later return changes nothing', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client, { mode: 'sms', mobile: '0612345678' });
    await payer(client, paiementId);
    const avant = await etat(paiementId);
    expect(avant.commande.statut).toBe('payee');
    expect(avant.timbres).toHaveLength(1);
    expect(avant.messages).toHaveLength(1);
    expect(avant.messages[0]!.recipient).toBe('+33612345678');
    expect(avant.messages[0]!.template).toBe('timbre.livraison-sms');
    await client.get('/timbre/retour');
    const apres = await etat(paiementId);
    expect(apres.timbres.map((t) => t.numero)).toEqual(avant.timbres.map((t) => t.numero));
    expect(apres.messages).toHaveLength(1);
  });

  it('two tabs validated the same cart: paying the older order still lands on its confirmation, the other stays unpaid', async () => {
    const client = new TestClient(built.app);
    const premier = await acheter(client);
    const second = /pay_[0-9a-f]+/.exec(String((await client.submit('/timbre/validation', '/timbre/validation', {})).headers.location))![0];
    await payer(client, premier, '4970100000000055');
    expect((await client.get('/timbre/retour')).headers.location).toBe('/timbre/confirmation');
    const page = await client.get('/timbre/confirmation');
    expect(numerosDans(page.body)).toEqual((await etat(premier)).timbres.map((t) => t.numero));
    expect((await etat(second)).commande.statut).toBe('en_attente');
    expect((await etat(second)).timbres).toHaveLength(0);
  });

  it('refuses unsigned, forged, stale and inconsistent notifications without any state change', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client);
    const commande = (await commandesRepository(built.db).parPaiement(paiementId))!;
    const corps = JSON.stringify({ id: 'evt-forge', type: 'paiement.reussi', paiementId, commandeReference: commande.reference, montantCentimes: commande.montantCentimes });
    expect((await webhook(corps)).statusCode).toBe(400);
    expect((await webhook(corps, signer(Buffer.alloc(32, 7), corps, new Date()))).json().issue).toBe('signature');
    const secret = await loadSharedSecret(built.db, 'timbre-sandbox');
    expect((await webhook(corps, signer(secret, corps, new Date(Date.now() - 3_600_000)))).json().issue).toBe('perimee');
    expect((await webhook(`${corps} `, signer(secret, corps, new Date()))).json().issue).toBe('signature');
    expect((await webhook('pas du json', signer(secret, 'pas du json', new Date()))).json().issue).toBe('format');
    const autreMontant = JSON.stringify({ ...JSON.parse(corps), id: 'evt-montant', montantCentimes: 1 });
    expect((await webhook(autreMontant, signer(secret, autreMontant, new Date()))).statusCode).toBe(409);
    expect((await etat(paiementId)).commande.statut).toBe('en_attente');
    expect((await etat(paiementId)).timbres).toHaveLength(0);
  });
});

describe('reconciliation at start', () => {
  it('completes an order left paid without stamps: one stamp per item, one delivery message, even run twice', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client, { quantite: '3' });
    const commande = (await commandesRepository(built.db).parPaiement(paiementId))!;
    // What a process killed between "paid" and "stamps" would leave behind.
    await sql`update timbre_commandes set statut = 'payee', payee_le = now() where id = ${commande.id}`.execute(built.db);
    const service = paiementService({ db: built.db, inTransaction: built.inTransaction, now: () => new Date(), prestataire: undefined, serviceName: 'Test', validiteMois: 12, remboursementMois: 18 });
    expect((await service.reconcilier()).completees).toBeGreaterThanOrEqual(1);
    await service.reconcilier();
    const { timbres, messages } = await etat(paiementId);
    expect(timbres).toHaveLength(3);
    expect(new Set(timbres.map((t) => `${t.ligne}:${t.exemplaire}`)).size).toBe(3);
    expect(messages).toHaveLength(1);
  });

  it('confirms at start a payment that succeeded while neither notification nor browser came back', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client);
    await payer(client, paiementId, '4970100000000055');
    const relance = await createTestApp({ database: { db: built.db, kind: built.dbKind, close: async () => {} } });
    await relance.app.close();
    const { commande, timbres, messages } = await etat(paiementId);
    expect(commande.statut).toBe('payee');
    expect(timbres).toHaveLength(1);
    expect(messages).toHaveLength(1);
  });
});
