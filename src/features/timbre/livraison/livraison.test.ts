import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../../app.ts';
import { httpSmsChannel, smtpChannel } from '../../../kernel/notifications/channels.ts';
import { freePort, startSmsGateway, startSmtpServer } from '../../../kernel/testing/loopback-peers.ts';
import { createTestApp } from '../../../kernel/testing/test-app.ts';
import { TestClient } from '../../../kernel/testing/test-client.ts';
import { acheter, numerosDans, payer } from '../achat-de-test.ts';
import { formaterNumero } from '../numero.ts';
import { lecturePossible, lireCodes, pieceJointePdf, texteDuPdf } from './pdf-de-test.ts';

let built: GuichetApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;

beforeAll(async () => {
  const port = await freePort();
  smtp = await startSmtpServer(port);
  gateway = await startSmsGateway();
  built = await createTestApp({
    channels: { email: smtpChannel(`smtp://127.0.0.1:${port}`, 'Guichet Titres <ne-pas-repondre@exemple.fr>', 'exemple.fr'), sms: httpSmsChannel(gateway.url, 'Bearer test') },
  });
});
afterAll(async () => {
  await built.app.close();
  await smtp.close();
  await gateway.close();
});

describe('delivery of the stamps', () => {
  it('emails a PDF (title, language, embedded font) holding each number, a decodable 2D code and the proof of payment', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client, { quantite: '2', courriel: 'lea@exemple.fr' });
    await payer(client, paiementId);
    const confirmation = await client.get('/timbre/confirmation');
    const numeros = numerosDans(confirmation.body);
    expect(numeros).toHaveLength(2);
    const transaction = /(TF-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(confirmation.body)![1]!;
    await built.worker.runOnce();
    const mail = smtp.received.find((m) => m.to.includes('lea@exemple.fr'));
    expect(mail).toBeDefined();
    expect(mail!.raw).toContain(`timbre-fiscal-${transaction}.pdf`);
    const pdf = pieceJointePdf(mail!.raw)!;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const brut = pdf.toString('latin1');
    expect(brut).toMatch(/\/Lang \(fr-FR\)/);
    expect(brut).toContain('/DisplayDocTitle true');
    expect(brut).toMatch(/\/FontFile2/);
    if (!lecturePossible(Boolean(process.env.CI))) return;
    expect(lireCodes(pdf).sort()).toEqual([...numeros].sort());
    const texte = texteDuPdf(pdf);
    for (const numero of numeros) expect(texte).toContain(formaterNumero(numero));
    expect(texte).toContain(`Numéro de transaction : ${transaction}`);
    expect(texte).toContain('172,00');
    expect(texte).toContain('Timbre fiscal électronique');
    // The same PDF from the confirmation page, rendered again from the stored stamps.
    const telecharge = await client.get('/timbre/confirmation/timbres.pdf');
    expect(telecharge.headers['content-type']).toBe('application/pdf');
    expect(lireCodes(telecharge.rawPayload).sort()).toEqual([...numeros].sort());
  });

  it('texts the number and amount to a French mobile through the gateway', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client, { mode: 'sms', mobile: '07 98 76 54 32', demarche: 'cni-perte-vol' });
    await payer(client, paiementId);
    const [numero] = numerosDans((await client.get('/timbre/confirmation')).body);
    await built.worker.runOnce();
    const sms = gateway.received.find((m) => m.body.to === '+33798765432');
    expect(sms?.body.text).toContain(formaterNumero(numero!));
    expect(sms?.body.text).toContain('25,00');
  });

  it('keeps no card data: neither the sandbox book nor the shop tables hold the card number, expiry or code', async () => {
    const client = new TestClient(built.app);
    const paiementId = await acheter(client);
    await client.submit(`/paiement-test/${paiementId}`, `/paiement-test/${paiementId}`, { numero: '4970100000000014', expiration: '07/31', cvv: '987' });
    await payer(client, paiementId);
    const { sql } = await import('kysely');
    for (const table of ['timbre_sandbox_paiements', 'timbre_commandes', 'timbre_paniers', 'timbre_notifications_paiement', 'notifications', 'audit_log']) {
      const rows = await sql.raw(`select * from ${table}`).execute(built.db);
      const dump = JSON.stringify(rows.rows);
      expect(dump, table).not.toContain('4970100000000014');
      expect(dump, table).not.toContain('07/31');
      expect(dump, table).not.toMatch(/"987"/);
    }
  });

  it('never skips the 2D-code check silently in CI: a missing reader fails there, and only warns elsewhere', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nulle-part';
    try {
      expect(() => lecturePossible(true)).toThrow(/obligatoire en CI/);
      expect(lecturePossible(false)).toBe(false);
    } finally {
      process.env.PATH = path;
    }
    // Here the tools are installed (zbar-tools, poppler-utils); in CI they must be.
    if (process.env.CI) expect(lecturePossible(true)).toBe(true);
  });
});
