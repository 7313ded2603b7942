import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/kernel/auth/principal.ts';
import { createAgent } from '../../src/kernel/testing/factories.ts';
import { axeViolations, chromiumMissing, launchChromium, newContext, signIn, startPlatform, type RunningPlatform } from './harness.ts';

const mairie = (commune: string): Principal => ({ userId: '00000000-0000-4000-8000-0000000000b1', kind: 'agent', role: 'agent_mairie', communeInsee: commune, departement: '24', displayName: 'Agent' });

describe.skipIf(chromiumMissing)('browser: the pilotage dashboard', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let compte: { email: string; password: string };

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    compte = await createAgent(platform.built, 'agent_prefecture', { departement: '24' });
    // This month: Périgueux 2 with a pré-demande and 1 Cerfa, Sarlat 1 Cerfa.
    for (const [commune, origine, titre] of [['24322', 'pre_demande', 'cni'], ['24322', 'pre_demande', 'passeport'], ['24322', 'cerfa', 'cni'], ['24520', 'cerfa', 'cni']] as const) {
      await platform.built.demandes.recueillir(mairie(commune), {
        titre,
        origine,
        pre_demande_numero: origine === 'pre_demande' ? `PDB${Math.random().toString(36).slice(2, 9).toUpperCase()}` : null,
        commune_remise: commune,
        usager_id: null,
        nom: 'DUPONT',
        prenoms: 'Anne',
        date_naissance: '1975-05-05',
        mobile: null,
        email: null,
        timbre_requis: false,
        timbre_numero: null,
        timbre_consomme: false,
        capture: null,
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows rates, charts with their tables and the map, and passes axe', async () => {
    const context = await newContext(browser, platform.baseUrl);
    const page = await context.newPage();
    await signIn(page, '/agent/connexion', compte.email, compte.password);
    await page.goto('/pilotage');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Pilotage des demandes de titres');
    // 2 of 4 collected this month came with a pré-demande.
    expect(await page.locator('[aria-label="Chiffres clés"] strong').first().innerText()).toBe('50,0 %');
    expect(await page.getByRole('img', { name: 'Taux mensuel de pré-demande en ligne' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Taux de pré-demande en ligne par mois' }).count()).toBe(1);
    const carte = page.getByRole('img', { name: /Carte du département/ });
    const sansCarte = page.getByText('Carte non disponible');
    expect((await carte.count()) + (await sansCarte.count())).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/pilotage?du=2026-99');
    expect(await page.getByText('Saisissez le mois de début sous la forme AAAA-MM').first().isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('filters and exports without JavaScript', async () => {
    // Scripts only enhance: the GET form and the CSV links work with JavaScript off.
    const context = await newContext(browser, platform.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, '/agent/connexion', compte.email, compte.password);
    await page.goto('/pilotage');
    await page.getByLabel('Titre').selectOption('passeport');
    await Promise.all([page.waitForURL(/titre=passeport/), page.getByRole('button', { name: 'Afficher' }).click()]);
    expect(await page.locator('[aria-label="Chiffres clés"] strong').first().innerText()).toBe('100,0 %');

    const lien = page.getByRole('link', { name: /Taux de pré-demande en ligne par mois.*CSV/ });
    const href = await lien.getAttribute('href');
    expect(href).toContain('titre=passeport');
    const reponse = await context.request.get(href!);
    expect(reponse.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await reponse.text()).toContain(';1;0;1;100,0;');
    await context.close();
  }, 120_000);
});
