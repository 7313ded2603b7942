// Intégration : « acheter maintenant » depuis la pré-demande — la boutique s'ouvre avec le bon
// timbre dans le panier, et une fois payé le timbre apparaît rattaché à la pré-demande.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createUsager } from '../../kernel/testing/factories.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { adultePasseportRenouvellement, commencer, remplir } from './test-parcours.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

/** The hidden fields of the "buy it now" form, as a browser would send them. */
function formulaireAchat(html: string): Record<string, string> {
  const form = /<form method="post" action="\/timbre\/depuis-pre-demande"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  if (!form) throw new Error('pas de bouton d’achat');
  const champs: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="(usage|preDemande)" value="([^"]+)"/g)) champs[m[1]!] = m[2]!;
  return champs;
}

describe('buying the stamp from the pré-demande', () => {
  it('opens the shop with the right stamp pre-selected, and shows the paid stamp attached to the pré-demande', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '203.0.113.70');
    await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    const id = await commencer(client);
    const saisie = adultePasseportRenouvellement();
    await remplir(client, id, saisie.slice(0, -1));

    // On the draft's stamp step: the stamp is pre-selected, but there is no number yet to attach it to.
    const etape = await client.get(`/pre-demande/${id}/timbre`);
    expect(formulaireAchat(etape.body)).toEqual({ usage: 'passeport-majeur' });
    await remplir(client, id, saisie.slice(-1));
    await client.post(`/pre-demande/${id}/verifier`);
    const resultat = await client.get(`/pre-demande/${id}`);
    const numero = /id="numero-pre-demande">([A-Z0-9]+)</.exec(resultat.body)![1]!;
    const champs = formulaireAchat(resultat.body);
    expect(champs).toEqual({ usage: 'passeport-majeur', preDemande: numero });
    expect(resultat.body).not.toContain('timbres-rattaches');

    expect((await client.post('/timbre/depuis-pre-demande', champs)).headers.location).toBe('/timbre/panier');
    expect((await client.get('/timbre/panier')).body).toContain('86,00');
    expect((await client.submit('/timbre/reception', '/timbre/reception', { mode: 'courriel', courriel: usager.email })).statusCode).toBe(303);
    const validation = await client.submit('/timbre/validation', '/timbre/validation', {});
    const paiement = /pay_[0-9a-f]+/.exec(String(validation.headers.location))![0];
    const carte = await client.submit(`/paiement-test/${paiement}`, `/paiement-test/${paiement}`, { numero: '4970 1000 0000 0014', expiration: '12/30', cvv: '123' });
    if (carte.headers.location === `/paiement-test/${paiement}/3ds`) await client.submit(`/paiement-test/${paiement}/3ds`, `/paiement-test/${paiement}/3ds`, { code: '123456', action: 'confirmer' });
    const [timbre] = await built.timbres.timbresDeLaPreDemande(numero);
    expect(timbre).toMatchObject({ usage: 'passeport-majeur', montantCentimes: 8600 });

    const apres = await client.get(`/pre-demande/${id}`);
    expect(apres.body).toContain('Timbre(s) acheté(s) pour cette pré-demande');
    expect(apres.body).toContain(`Timbre n° ${timbre!.numero}`);
    expect(apres.body).not.toContain('action="/timbre/depuis-pre-demande"');

    const pdf = await client.get(`/pre-demande/${id}/recapitulatif.pdf`);
    const fichier = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'timbre-')), 'recap.pdf');
    fs.writeFileSync(fichier, pdf.rawPayload);
    const texte = execFileSync('pdftotext', [fichier, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(texte).toContain('Numéro de timbre enregistré');
    expect(texte).toContain(`Acheté en ligne : ${timbre!.numero}`);

    // Someone else posting this number (mistyped or forged) gets the stamp pre-selected, but
    // their purchase is not attached to a file that is not theirs.
    const autre = await createUsager(built);
    const intrus = new TestClient(built.app, '203.0.113.71');
    await intrus.submit('/connexion', '/connexion', { email: autre.email, password: autre.password });
    await intrus.get('/mon-espace');
    expect((await intrus.post('/timbre/depuis-pre-demande', champs)).headers.location).toBe('/timbre/panier');
    expect((await intrus.submit('/timbre/reception', '/timbre/reception', { mode: 'courriel', courriel: autre.email })).statusCode).toBe(303);
    const validationIntrus = await intrus.submit('/timbre/validation', '/timbre/validation', {});
    const paiementIntrus = /pay_[0-9a-f]+/.exec(String(validationIntrus.headers.location))![0];
    const carteIntrus = await intrus.submit(`/paiement-test/${paiementIntrus}`, `/paiement-test/${paiementIntrus}`, { numero: '4970 1000 0000 0014', expiration: '12/30', cvv: '123' });
    if (carteIntrus.headers.location === `/paiement-test/${paiementIntrus}/3ds`) await intrus.submit(`/paiement-test/${paiementIntrus}/3ds`, `/paiement-test/${paiementIntrus}/3ds`, { code: '123456', action: 'confirmer' });
    expect((await built.timbres.timbresDeLaPreDemande(numero)).map((t) => t.numero)).toEqual([timbre!.numero]);

    // Refunded, the stamp pays for nothing any more: it says so, and buying is offered again.
    await sql`update timbres set statut = 'rembourse' where numero = ${timbre!.numero}`.execute(built.db);
    const rembourse = await client.get(`/pre-demande/${id}`);
    expect(rembourse.body).toContain('remboursé, ne peut plus servir');
    expect(rembourse.body).toContain('action="/timbre/depuis-pre-demande"');
  });
});
