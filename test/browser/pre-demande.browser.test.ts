import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parcoursPreDemande } from '../../src/features/pre-demande/parcours.ts';
import { adultePasseportRenouvellement } from '../../src/features/pre-demande/test-parcours.ts';
import { lireQr } from '../../src/features/pre-demande/test-qr.ts';
import { createAdmin, createAgent, createUsager, uniqueEmail, USAGER_PASSWORD } from '../../src/kernel/testing/factories.ts';
import { TestClient } from '../../src/kernel/testing/test-client.ts';
import { axeViolations, chromiumMissing, launchChromium, newContext, signIn, startPlatform, type RunningPlatform } from './harness.ts';

/**
 * Kit steps #1 to #6 in a real browser, with and without JavaScript: sign up, read the
 * activation link in the development mailbox, activate, sign in, fill in the pré-demande,
 * validate, then check that the QR code on screen and in the PDF both read as the number.
 */
let platform: RunningPlatform;
let browser: Browser;
const journey = parcoursPreDemande(() => new Date().toISOString().slice(0, 10));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-demande-navigateur-'));

beforeAll(async () => {
  if (chromiumMissing) return;
  platform = await startPlatform();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function accessible(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}

async function submit(page: Page, name: string) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).click()]);
}

function readQr(png: Buffer): string[] {
  const image = PNG.sync.read(png);
  const decoded = [lireQr(new Uint8ClampedArray(image.data), image.width, image.height) ?? ''];
  if (process.env.CI && !fs.existsSync('/usr/bin/zbarimg')) throw new Error('zbarimg est absent : apt-get install -y zbar-tools');
  if (fs.existsSync('/usr/bin/zbarimg')) {
    const file = path.join(work, `qr-${Date.now()}.png`);
    fs.writeFileSync(file, png);
    decoded.push(execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  }
  return decoded;
}

describe.skipIf(chromiumMissing).each([true, false])('pré-demande in a browser (JavaScript %s)', (javaScriptEnabled) => {
  it('signs up, activates by the emailed link, fills in the form and gets a number whose QR codes read back', async () => {
    const context = await newContext(browser, platform.baseUrl, { javaScriptEnabled, acceptDownloads: true });
    const page = await context.newPage();
    // axe runs inside the page, so it needs JavaScript: the run without it checks that every
    // step still works, the run with it checks the accessibility of the same server-rendered pages.
    const a11y = (where: string) => (javaScriptEnabled ? accessible(page, where) : Promise.resolve());
    const email = uniqueEmail(javaScriptEnabled ? 'avecjs' : 'sansjs');

    await page.goto('/connexion');
    await a11y('connexion');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Créer mon compte' }).click()]);
    await a11y('inscription');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(USAGER_PASSWORD);
    await submit(page, 'Créer mon compte');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Consultez votre messagerie');
    await a11y('messagerie');

    // The worker delivers within a moment: reload the development mailbox until our message is there.
    let link = '';
    await expect
      .poll(
        async () => {
          await page.goto('/dev/boite');
          for (const article of await page.locator('article').all()) {
            const text = (await article.textContent()) ?? '';
            if (text.includes(email)) link = /(http:\/\/127\.0\.0\.1:\d+\/inscription\/activation\?jeton=[\w-]+)/.exec(text)?.[1] ?? '';
          }
          return link;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');
    expect(link).not.toBe('');

    await page.goto(link);
    await a11y('activation');
    await submit(page, 'Activer mon compte');
    expect(await page.locator('h1').textContent()).toBe('Compte activé');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Se connecter' }).last().click()]);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill(USAGER_PASSWORD);
    await submit(page, 'Se connecter');
    expect(await page.locator('h1').textContent()).toBe('Mon espace identité');
    await a11y('mon espace');

    await submit(page, 'Commencer une pré-demande');
    for (const [etape, champs] of adultePasseportRenouvellement()) {
      expect(new URL(page.url()).pathname.endsWith(`/${etape}`), `étape attendue ${etape}, page ${page.url()}`).toBe(true);
      await a11y(etape);
      for (const [name, value] of Object.entries(champs)) {
        const field = journey.fields[name]!;
        if (!value) continue;
        if (field.type === 'radio') await page.locator(`input[name="${name}"][value="${value}"]`).check({ force: true });
        else if (field.type === 'select') await page.locator(`select[name="${name}"]`).selectOption(value);
        else if (field.type === 'date') await page.locator(`input[name="${name}"]`).fill(value.split('/').reverse().join('-'));
        else await page.locator(`input[name="${name}"]`).fill(value);
      }
      await submit(page, 'Enregistrer et continuer');
    }

    expect(await page.locator('h1').textContent()).toBe('Vérifiez vos réponses');
    await a11y('vérifier');
    await submit(page, 'Valider ma pré-demande');
    const numero = ((await page.locator('#numero-pre-demande').textContent()) ?? '').trim();
    expect(numero).toMatch(/^[A-Z2-9]{10}$/);
    await a11y('résultat');

    for (const decoded of readQr(await page.locator('#qr-code svg').screenshot())) expect(decoded).toBe(numero);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger le récapitulatif/ }).click()]);
    const pdf = path.join(work, `${numero}.pdf`);
    await download.saveAs(pdf);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })).toContain(numero);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
    for (const decoded of readQr(fs.readFileSync(pdf.replace(/\.pdf$/, '.png')))) expect(decoded).toBe(numero);

    await context.close();
  }, 240_000);
});

describe.skipIf(chromiumMissing).each([true, false])('assisted mode at the counter of an espace numérique (JavaScript %s)', (javaScriptEnabled) => {
  it('the agent gets a code, the citizen signs in with their own password and types it, and the help shows on the pré-demande', async () => {
    const { built } = platform;
    const admin = await createAdmin(built);
    const adminClient = new TestClient(built.app);
    await adminClient.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
    expect((await adminClient.submit('/admin/communes/24004/niveau', '/admin/communes/24004/niveau', { niveau: 'espace_numerique' })).statusCode).toBe(303);
    const agent = await createAgent(built, 'agent_mairie', { communeInsee: '24004', departement: '24' });
    const usager = await createUsager(built);

    // One browser: the counter computer, used in turn by the agent and by the citizen.
    const context = await newContext(browser, platform.baseUrl, { javaScriptEnabled });
    const page = await context.newPage();
    const a11y = (where: string) => (javaScriptEnabled ? accessible(page, where) : Promise.resolve());
    await signIn(page, '/agent/connexion', agent.email, agent.password);
    await page.goto('/mairie/accompagnement');
    await a11y('accompagnement agent');
    await submit(page, 'Obtenir un code d’accompagnement');
    const code = ((await page.locator('#code-accompagnement').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await a11y('code');
    await submit(page, 'Se déconnecter');

    await signIn(page, '/connexion', usager.email, usager.password);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: /Saisissez le code d’accompagnement/ }).click()]);
    await a11y('saisie du code');
    await page.getByLabel('Code d’accompagnement').fill('AAAA-2222');
    await submit(page, 'Valider le code');
    expect(await page.locator('.fr-error-text, .fr-message--error').first().textContent()).toContain('Ce code n’est pas valable');
    await a11y('code faux');
    await page.getByLabel('Code d’accompagnement').fill(code);
    await submit(page, 'Valider le code');
    expect(await page.locator('h1').textContent()).toBe('Mon espace identité');
    expect(await page.getByText('Session accompagnée').count()).toBe(1);
    await a11y('mon espace accompagné');

    await submit(page, 'Commencer une pré-demande');
    for (const [, champs] of adultePasseportRenouvellement()) {
      for (const [name, value] of Object.entries(champs)) {
        const field = journey.fields[name]!;
        if (!value) continue;
        if (field.type === 'radio') await page.locator(`input[name="${name}"][value="${value}"]`).check({ force: true });
        else if (field.type === 'select') await page.locator(`select[name="${name}"]`).selectOption(value);
        else if (field.type === 'date') await page.locator(`input[name="${name}"]`).fill(value.split('/').reverse().join('-'));
        else await page.locator(`input[name="${name}"]`).fill(value);
      }
      if (new URL(page.url()).pathname.endsWith('/timbre')) {
        expect(await page.getByRole('button', { name: /Acheter maintenant le timbre fiscal/ }).count()).toBe(1);
        await a11y('timbre');
      }
      await submit(page, 'Enregistrer et continuer');
    }
    await submit(page, 'Valider ma pré-demande');
    expect(await page.getByText(/commencée avec l’aide de Agent agent_mairie, espace numérique de la mairie de/).count()).toBe(1);
    expect(await page.getByRole('button', { name: /Acheter maintenant le timbre fiscal/ }).count()).toBe(1);
    await a11y('résultat accompagné');
    await context.close();
  }, 240_000);
});
