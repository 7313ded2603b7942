import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { GuichetApp } from '../../app.ts';
import { createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp, testConfig } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { acheter, choisirReception, numerosDans, payer, remplirPanier } from './achat-de-test.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

describe('purchase journey without an account', () => {
  it('asks démarche and age, fills the cart, and shows the catalogue price', async () => {
    const client = new TestClient(built.app);
    const accueil = await client.get('/timbre');
    expect(accueil.statusCode).toBe(200);
    expect(accueil.body).toContain('Débuter l’achat');
    expect(accueil.body).toContain('86,00');
    await remplirPanier(client, { demarche: 'passeport', age: 'mineur-15', quantite: '2' });
    const panier = await client.get('/timbre/panier');
    expect(panier.body).toContain('Passeport — mineur de 15 ans et plus');
    expect(panier.body).toContain('84,00');
    // "Buy another stamp": the questions start again and the cart keeps both lines.
    await remplirPanier(client, { demarche: 'cni-perte-vol' });
    const deux = await client.get('/timbre/panier');
    expect(deux.body).toContain('Carte nationale d’identité');
    expect(deux.body).toContain('109,00');
    expect(client.cookie('gt_timbre_panier')).toMatch(/^[\w-]{43}$/);
  });

  it('changes quantities, removes lines, and says an empty cart cannot be validated', async () => {
    const client = new TestClient(built.app);
    await remplirPanier(client, { age: 'mineur-moins-15' });
    await client.get('/timbre/panier');
    expect((await client.post('/timbre/panier/quantite', { code: 'passeport-mineur-moins-15', quantite: '3' })).statusCode).toBe(303);
    expect((await client.get('/timbre/panier')).body).toContain('51,00');
    const trop = await client.post('/timbre/panier/quantite', { code: 'passeport-mineur-moins-15', quantite: '40' });
    expect(trop.statusCode).toBe(400);
    expect(trop.body).toContain('entre 1 et 5');
    expect((await client.post('/timbre/panier/retirer', { code: 'passeport-mineur-moins-15' })).statusCode).toBe(303);
    expect((await client.get('/timbre/panier')).body).toContain('Votre panier est vide');
    expect((await client.get('/timbre/reception')).headers.location).toBe('/timbre/panier');
    expect((await client.post('/timbre/validation', {})).headers.location).toBe('/timbre/panier');
  });

  it('refuses skipped steps and missing answers with a message next to the field', async () => {
    const client = new TestClient(built.app);
    expect((await client.get('/timbre/age')).headers.location).toBe('/timbre/demarche');
    expect((await client.get('/timbre/formulaire')).headers.location).toBe('/timbre/demarche');
    const vide = await client.submit('/timbre/demarche', '/timbre/demarche', {});
    expect(vide.statusCode).toBe(400);
    expect(vide.body).toContain('Indiquez la démarche');
    expect(vide.body).toContain('fr-fieldset--error');
    const gratuit = await client.submit('/timbre/demarche', '/timbre/demarche', { demarche: 'cni' });
    expect(gratuit.headers.location).toBe('/timbre/gratuit');
    expect((await client.get('/timbre/gratuit')).body).toContain('Aucun timbre n’est nécessaire');
  });

  it('accepts only French mobiles for SMS and keeps the other answers on error', async () => {
    const client = new TestClient(built.app);
    await remplirPanier(client);
    for (const mobile of ['01 23 45 67 89', '+44 7911 123456', '06 12']) {
      const r = await client.submit('/timbre/reception', '/timbre/reception', { mode: 'sms', mobile, courriel: 'garde@exemple.fr' });
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain('commençant par 06 ou 07');
      expect(r.body).toContain('value="garde@exemple.fr"');
    }
    const sansMode = await client.submit('/timbre/reception', '/timbre/reception', {});
    expect(sansMode.body).toContain('Choisissez comment recevoir le timbre');
    const mauvaisCourriel = await client.submit('/timbre/reception', '/timbre/reception', { mode: 'courriel', courriel: 'x@' });
    expect(mauvaisCourriel.body).toContain('adresse électronique valide');
    await choisirReception(client, { mode: 'sms', mobile: '07.12.34.56.78' });
    expect((await client.get('/timbre/validation')).body).toContain('Par SMS au 07 12 34 56 78');
  });

  it('ignores amounts and codes slipped into the forms: prices only come from the catalogue', async () => {
    const client = new TestClient(built.app);
    await client.submit('/timbre/demarche', '/timbre/demarche', { demarche: 'passeport' });
    await client.submit('/timbre/age', '/timbre/age', { age: 'mineur-moins-15' });
    await client.submit('/timbre/formulaire', '/timbre/formulaire', { quantite: '1', code: 'passeport-majeur', montant: '1', montant_centimes: '1', prix: '0.01' });
    await choisirReception(client);
    const validation = await client.get('/timbre/validation');
    expect(validation.body).toContain('17,00');
    const paiementId = await (async () => {
      const r = await client.post('/timbre/validation', { montant: '1', total: '1' });
      return /pay_[0-9a-f]+/.exec(String(r.headers.location))![0];
    })();
    const page = await client.get(`/paiement-test/${paiementId}`);
    expect(page.body).toContain('17,00');
    expect(page.body).toContain('Environnement de test');
    for (const carte of ['4970100000000014', '4970100000000022', '4970100000000030', '4970100000000048']) expect(page.body).toContain(carte.replace(/(\d{4})(?=\d)/g, '$1 '));
  });

  it('explains bad cards next to the fields without changing the payment', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client);
    const r = await client.submit(`/paiement-test/${paiementId}`, `/paiement-test/${paiementId}`, { numero: '4970 1000 0000 0015', expiration: '01/20', cvv: '1' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('Numéro de carte invalide');
    expect(r.body).toContain('Cette carte est expirée');
    expect(r.body).toContain('3 chiffres');
    expect(r.body).not.toContain('4970 1000 0000 0015"');
    const mauvaisCode = await payer(client, paiementId, '4970100000000014', '000000');
    expect(mauvaisCode.statusCode).toBe(400);
    expect(mauvaisCode.body).toContain('Code incorrect');
    const fin = await client.submit(`/paiement-test/${paiementId}/3ds`, `/paiement-test/${paiementId}/3ds`, { code: '123456', action: 'confirmer' });
    expect(fin.headers.location).toBe('/timbre/retour');
    const retour = await client.get('/timbre/retour');
    expect(retour.headers.location).toBe('/timbre/confirmation');
    const confirmation = await client.get('/timbre/confirmation');
    expect(numerosDans(confirmation.body)).toHaveLength(1);
  });

  it.each([
    ['4970100000000022', 'refus'],
    ['4970100000000030', 'fonds insuffisants'],
    ['4970100000000048', 'échec 3-D Secure'],
  ])('card %s (%s): no stamp, the cart is kept and the buyer may retry', async (carte) => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client);
    const fin = await payer(client, paiementId, carte);
    expect(fin.headers.location).toBe('/timbre/retour');
    const retour = await client.get('/timbre/retour');
    expect(retour.statusCode).toBe(200);
    expect(retour.body).toContain('Paiement refusé');
    expect((await client.get('/timbre/confirmation')).headers.location).toBe('/timbre');
    expect((await client.get('/timbre/panier')).body).toContain('86,00');
  });
});

describe('production mode', () => {
  it('never fakes a payment: no sandbox, the shop says payment is unavailable', async () => {
    const prod = await createTestApp({
      config: testConfig({ mode: 'production', publicUrl: new URL('http://localhost:3000') }),
    });
    try {
      const client = new TestClient(prod.app);
      expect((await client.get('/timbre')).body).toContain('Paiement indisponible');
      await remplirPanier(client);
      await choisirReception(client);
      const validation = await client.post('/timbre/validation', {});
      expect(validation.statusCode).toBe(503);
      expect(validation.body).toContain('Paiement indisponible');
      expect((await prod.app.inject('/paiement-test/pay_0000')).statusCode).toBe(404);
    } finally {
      await prod.app.close();
    }
  });
});

describe('purchase started from a pré-demande', () => {
  it('pre-selects the stamps the pré-demande needs, and attaches nothing for a visitor who does not hold it', async () => {
    const { payer } = await import('./achat-de-test.ts');
    const client = new TestClient(built.app);
    await client.get('/timbre/demarche');
    const depart = await client.post('/timbre/depuis-pre-demande', { usage: 'passeport-mineur-15', preDemande: 'abcdefgh23' });
    expect(depart.headers.location).toBe('/timbre/panier');
    expect((await client.get('/timbre/panier')).body).toContain('42,00');
    await choisirReception(client);
    const r = await client.submit('/timbre/validation', '/timbre/validation', {});
    const paiementId = /pay_[0-9a-f]+/.exec(String(r.headers.location))![0];
    await payer(client, paiementId);
    // Not signed in as the holder of that pré-demande: the stamp is bought, but attached to nothing.
    expect((await client.get('/timbre/confirmation')).body).not.toContain('ABCDEFGH23');
    expect(await built.timbres.timbresDeLaPreDemande('ABCDEFGH23')).toEqual([]);
  });

  it('links back to the pré-demande (by its internal id, never its number) once its stamp is paid', async () => {
    const usager = await createUsager(built);
    const numeroPd = 'PDTIMBRE23';
    const { rows } = await sql<{ id: string }>`insert into pre_demandes (user_id, statut, numero, validee_le, expire_le)
      values (${usager.account.id}, 'validee', ${numeroPd}, now(), now() + interval '6 months') returning id`.execute(built.db);
    const idPd = rows[0]!.id;
    const client = new TestClient(built.app);
    expect((await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(303);
    await client.get('/timbre/demarche');
    expect((await client.post('/timbre/depuis-pre-demande', { usage: 'passeport-majeur', preDemande: numeroPd })).headers.location).toBe('/timbre/panier');
    await choisirReception(client);
    const r = await client.submit('/timbre/validation', '/timbre/validation', {});
    const paiementId = /pay_[0-9a-f]+/.exec(String(r.headers.location))![0];
    await payer(client, paiementId);
    const confirmation = await client.get('/timbre/confirmation');
    const [numero] = numerosDans(confirmation.body);
    expect(await built.timbres.timbresDeLaPreDemande(numeroPd)).toEqual([{ numero, usage: 'passeport-majeur', montantCentimes: 8600, statut: 'valide' }]);
    const lien = /<a class="fr-btn[^"]*" href="([^"]+)">\s*Revenir à ma pré-demande/.exec(confirmation.body)?.[1];
    expect(lien).toBe(`/pre-demande/${idPd}`);
    expect(confirmation.body).not.toMatch(new RegExp(`href="[^"]*${numeroPd}`));
    expect((await client.get(lien!)).statusCode).toBe(200);

    // A visitor who does not hold that number: no attachment, so no mention and no link back.
    const seul = new TestClient(built.app);
    await seul.get('/timbre/demarche');
    await seul.post('/timbre/depuis-pre-demande', { usage: 'passeport-majeur', preDemande: 'INCONNU234' });
    await choisirReception(seul);
    const r2 = await seul.submit('/timbre/validation', '/timbre/validation', {});
    await payer(seul, /pay_[0-9a-f]+/.exec(String(r2.headers.location))![0]);
    const sansLien = (await seul.get('/timbre/confirmation')).body;
    expect(sansLien).not.toContain('INCONNU234');
    expect(sansLien).not.toContain('Revenir à ma pré-demande');
  });
});
