import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../src/app.ts';
import { httpSmsChannel, smtpChannel } from '../../src/kernel/notifications/channels.ts';
import { startSmsGateway, startSmtpServer } from '../../src/kernel/testing/loopback-peers.ts';
import { createTestApp, testConfig } from '../../src/kernel/testing/test-app.ts';
import { lecturePossible, lireCodes, pieceJointePdf } from '../../src/features/timbre/livraison/pdf-de-test.ts';
import { AGENT_PASSWORD, createAdmin, createUsager, uniqueEmail } from '../../src/kernel/testing/factories.ts';
import { axeViolations, chromiumMissing, launchChromium, newContext, signIn, submitAndWait, freePort } from './harness.ts';

/** Submits the page's form with the named button and waits for the next page. */
async function cliquer(page: Page, bouton: string) {
  await submitAndWait(page, () => page.getByRole('button', { name: bouton }).click());
  await page.waitForLoadState('load');
}

/** DSFR draws its own radio over the input: a person clicks the label, so do we. */
async function choisir(page: Page, libelle: string) {
  await page.locator('label.fr-label', { hasText: libelle }).click();
  expect(await page.getByLabel(libelle).isChecked()).toBe(true);
}

async function sansViolation(page: Page, etape: string) {
  expect(await axeViolations(page), `${etape} (${new URL(page.url()).pathname})`).toEqual([]);
}

async function attendre<T>(lire: () => T | undefined, quoi: string): Promise<T> {
  const limite = Date.now() + 15_000;
  for (;;) {
    const valeur = lire();
    if (valeur !== undefined) return valeur;
    if (Date.now() > limite) throw new Error(`${quoi} : rien reçu en 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(chromiumMissing)('browser: buying a tax stamp with the sandbox card', () => {
  let built: GuichetApp;
  let baseUrl: string;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  let numeroAchete: string | undefined;

  beforeAll(async () => {
    const smtpPort = await freePort();
    smtp = await startSmtpServer(smtpPort);
    gateway = await startSmsGateway();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    built = await createTestApp({
      config: testConfig({ publicUrl: new URL(baseUrl), port, host: '127.0.0.1' }),
      runWorker: true,
      workerOptions: { pollMs: 100 },
      channels: { email: smtpChannel(`smtp://127.0.0.1:${smtpPort}`, 'Guichet Titres <ne-pas-repondre@exemple.fr>', 'exemple.fr'), sms: httpSmsChannel(gateway.url, 'Bearer test') },
    });
    await built.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await built?.app.close();
    await smtp?.close();
    await gateway?.close();
  });

  it('goes through the kit steps #1–#8, axe-clean at each, and the emailed PDF holds a readable 2D code', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage();
    await page.goto('/');
    await Promise.all([page.waitForURL('**/timbre'), page.getByRole('link', { name: /Acheter un timbre fiscal/ }).first().click()]);
    await sansViolation(page, '#1 débuter');
    await Promise.all([page.waitForURL('**/timbre/demarche'), page.getByRole('link', { name: 'Débuter l’achat' }).click()]);
    await sansViolation(page, '#2 démarche');
    await cliquer(page, 'Continuer');
    expect(await page.getByText('Indiquez la démarche pour laquelle').first().isVisible()).toBe(true);
    await sansViolation(page, '#2 démarche en erreur');
    await choisir(page, 'Demande ou renouvellement de passeport');
    await cliquer(page, 'Continuer');
    await sansViolation(page, '#2 âge');
    await choisir(page, '18 ans ou plus');
    await cliquer(page, 'Continuer');
    await sansViolation(page, '#3 formulaire');
    expect(await page.getByText('86,00').first().isVisible()).toBe(true);
    await cliquer(page, 'Ajouter au panier');
    await sansViolation(page, '#5 panier');
    await Promise.all([page.waitForURL('**/timbre/reception'), page.getByRole('link', { name: 'Continuer' }).click()]);
    await sansViolation(page, '#6 réception');
    await choisir(page, 'Par SMS (numéro de timbre)');
    await page.getByLabel('Téléphone mobile (réception par SMS)').fill('01 23 45 67 89');
    await cliquer(page, 'Continuer');
    expect(await page.locator('.fr-message--error').first().innerText()).toContain('06 ou 07');
    await sansViolation(page, '#6 réception en erreur');
    await choisir(page, 'Par courriel (timbre en PDF)');
    await page.getByLabel('Adresse électronique (réception par courriel)').fill('camille@exemple.fr');
    await cliquer(page, 'Continuer');
    await sansViolation(page, '#7 validation');
    await cliquer(page, 'Valider et payer 86,00 €');
    expect(new URL(page.url()).pathname).toMatch(/^\/paiement-test\/pay_/);
    expect(await page.getByText('Environnement de test du paiement').isVisible()).toBe(true);
    await sansViolation(page, '#8 page de paiement');
    await page.getByLabel('Numéro de carte').fill('4970 1000 0000 0014');
    await page.getByLabel('Date d’expiration').fill('12/30');
    await page.getByLabel('Cryptogramme visuel').fill('123');
    await cliquer(page, 'Payer 86,00 €');
    await sansViolation(page, '#8 3-D Secure');
    await page.getByLabel('Code de confirmation').fill('123456');
    await cliquer(page, 'Confirmer le paiement');
    expect(new URL(page.url()).pathname).toBe('/timbre/confirmation');
    await sansViolation(page, '#8 confirmation');
    const numero = (await page.locator('.gt-numero-timbre').first().innerText()).replaceAll(/\s/g, '');
    expect(numero).toMatch(/^\d{16}$/);
    numeroAchete = numero;

    const mail = await attendre(() => smtp.received.find((m) => m.to.includes('camille@exemple.fr')), 'courriel du timbre');
    const pdf = pieceJointePdf(mail.raw);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    if (!lecturePossible(Boolean(process.env.CI))) return;
    expect(lireCodes(pdf!)).toEqual([numero]);
  }, 240_000);

  it('delivers by SMS through the loopback gateway', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage();
    await page.goto('/timbre/demarche');
    await choisir(page, 'Carte nationale d’identité à refaire après une perte ou un vol');
    await cliquer(page, 'Continuer');
    await cliquer(page, 'Ajouter au panier');
    await Promise.all([page.waitForURL('**/timbre/reception'), page.getByRole('link', { name: 'Continuer' }).click()]);
    await choisir(page, 'Par SMS (numéro de timbre)');
    await page.getByLabel('Téléphone mobile (réception par SMS)').fill('07 11 22 33 44');
    await cliquer(page, 'Continuer');
    await cliquer(page, 'Valider et payer 25,00 €');
    await page.getByLabel('Numéro de carte').fill('4970100000000014');
    await page.getByLabel('Date d’expiration').fill('01/31');
    await page.getByLabel('Cryptogramme visuel').fill('321');
    await cliquer(page, 'Payer 25,00 €');
    await page.getByLabel('Code de confirmation').fill('123456');
    await cliquer(page, 'Confirmer le paiement');
    const numero = await page.locator('.gt-numero-timbre').first().innerText();
    const sms = await attendre(() => gateway.received.find((m) => m.body.to === '+33711223344'), 'SMS du timbre');
    expect(sms.body.text).toContain(numero);
    expect(sms.body.text).toContain('25,00');
  }, 120_000);

  /** A mairie agent invited by an administrator, the invitation read from the loopback SMTP server. */
  async function agentInvite(): Promise<string> {
    const admin = await createAdmin(built);
    const email = uniqueEmail('agent.mairie');
    const invited = await built.comptes.inviteAgent(
      { userId: admin.account.id, kind: 'agent', role: 'admin', communeInsee: null, departement: null, displayName: 'Admin' },
      { email, displayName: 'Agent Périgueux', role: 'agent_mairie', communeInsee: '24322', departement: '24' },
    );
    expect(invited.ok).toBe(true);
    const invitation = await attendre(() => smtp.received.find((m) => m.to.includes(email)), 'invitation de l’agent');
    // The text part is quoted-printable: undo soft line breaks and =XX escapes before reading the link.
    const texte = invitation.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const jeton = /jeton=([\w-]+)/.exec(texte)?.[1];
    expect(jeton, 'lien d’invitation dans le courriel').toBeDefined();
    expect((await built.comptes.acceptInvitation(jeton!, AGENT_PASSWORD)).ok).toBe(true);
    return email;
  }

  it('lets a mairie agent check and consume the stamp, axe-clean', async () => {
    expect(numeroAchete, 'le premier test achète le timbre').toBeDefined();
    const email = await agentInvite();
    const page = await (await newContext(browser, baseUrl)).newPage();
    await signIn(page, '/agent/connexion', email, AGENT_PASSWORD);
    await page.goto('/agent/timbres');
    await sansViolation(page, 'agent : saisie');
    await page.getByLabel('Numéro du timbre').fill(numeroAchete!.replace(/(\d{4})(?=\d)/g, '$1 '));
    await cliquer(page, 'Vérifier');
    expect(await page.locator('.fr-badge').first().innerText()).toMatch(/valide/i);
    await sansViolation(page, 'agent : fiche');
    await page.getByLabel('Référence du dossier (pré-demande ou Cerfa)').fill('D-24-ABCDEFGH');
    await cliquer(page, 'Consommer le timbre pour ce dossier');
    expect(await page.getByText('est consommé pour le dossier D-24-ABCDEFGH').isVisible()).toBe(true);
    await sansViolation(page, 'agent : consommé');
  }, 120_000);

  it('lets a mairie agent make a personal API token, axe-clean, that works over HTTP until revoked', async () => {
    const email = await agentInvite();
    const page = await (await newContext(browser, baseUrl)).newPage();
    await signIn(page, '/agent/connexion', email, AGENT_PASSWORD);
    await page.goto('/agent/timbres');
    await Promise.all([page.waitForURL('**/agent/jetons-api'), page.getByRole('link', { name: 'jeton d’accès personnel' }).click()]);
    await sansViolation(page, 'jetons : liste vide');
    await cliquer(page, 'Créer le jeton');
    expect(await page.locator('.fr-message--error').first().innerText()).toContain('Donnez un nom au jeton');
    await sansViolation(page, 'jetons : en erreur');
    await page.getByLabel('Nom du jeton').fill('Poste de l’accueil');
    await page.getByLabel('Durée de validité').selectOption('30');
    await cliquer(page, 'Créer le jeton');
    await sansViolation(page, 'jetons : créé');
    const jeton = await page.getByLabel('Jeton d’accès').inputValue();
    expect(jeton).toMatch(/^gta_[\w-]{43}$/);

    const appel = (numero: string) =>
      fetch(`${baseUrl}/api/agent/timbres/verification`, { method: 'POST', headers: { authorization: `Bearer ${jeton}`, 'content-type': 'application/json' }, body: JSON.stringify({ numero }) });
    const numero = numeroAchete ?? '0000000000000098';
    expect((await appel(numero)).status).toBe(numeroAchete ? 200 : 404);
    await page.goto('/agent/jetons-api');
    expect(await page.getByRole('cell', { name: 'Jamais' }).count()).toBe(0);
    await cliquer(page, 'Révoquer le jeton Poste de l’accueil');
    expect(await page.getByText(/Révoqué le/).first().isVisible()).toBe(true);
    await sansViolation(page, 'jetons : révoqué');
    expect((await appel(numero)).status).toBe(401);
  }, 120_000);

  it('brings the buyer back to the pré-demande the purchase started from, axe-clean', async () => {
    const usager = await createUsager(built);
    const { rows } = await sql<{ id: string }>`insert into pre_demandes (user_id, statut, numero, validee_le, expire_le)
      values (${usager.account.id}, 'validee', 'NAVIGA2345', now(), now() + interval '6 months') returning id`.execute(built.db);
    const page = await (await newContext(browser, baseUrl)).newPage();
    await signIn(page, '/connexion', usager.email, usager.password);
    // The pré-demande's "buy it now" button is a POST form; this builds the same form in the page.
    await page.goto('/timbre/demarche');
    await Promise.all([
      page.waitForURL('**/timbre/panier'),
      page.evaluate(() => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = '/timbre/depuis-pre-demande';
        const champs: Record<string, string> = { _csrf: (document.querySelector('input[name=_csrf]') as HTMLInputElement).value, usage: 'passeport-majeur', preDemande: 'NAVIGA2345' };
        for (const [name, value] of Object.entries(champs)) form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
        document.body.append(form);
        form.submit();
      }),
    ]);
    await Promise.all([page.waitForURL('**/timbre/reception'), page.getByRole('link', { name: 'Continuer' }).click()]);
    await choisir(page, 'Par courriel (timbre en PDF)');
    await page.getByLabel('Adresse électronique (réception par courriel)').fill('retour@exemple.fr');
    await cliquer(page, 'Continuer');
    await cliquer(page, 'Valider et payer 86,00 €');
    await page.getByLabel('Numéro de carte').fill('4970100000000014');
    await page.getByLabel('Date d’expiration').fill('12/30');
    await page.getByLabel('Cryptogramme visuel').fill('123');
    await cliquer(page, 'Payer 86,00 €');
    await page.getByLabel('Code de confirmation').fill('123456');
    await cliquer(page, 'Confirmer le paiement');
    expect(new URL(page.url()).pathname).toBe('/timbre/confirmation');
    await sansViolation(page, 'confirmation depuis une pré-demande');
    const numero = (await page.locator('.gt-numero-timbre').first().innerText()).replaceAll(/\s/g, '');
    expect((await built.timbres.timbresDeLaPreDemande('NAVIGA2345')).map((t) => t.numero)).toEqual([numero]);
    await Promise.all([page.waitForURL(`**/pre-demande/${rows[0]!.id}`), page.getByRole('link', { name: 'Revenir à ma pré-demande' }).click()]);
  }, 120_000);
});
