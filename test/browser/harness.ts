import { codeDuTelephone } from '../../src/kernel/testing/double-facteur.ts';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { GuichetApp } from '../../src/app.ts';
import { createTestApp, testConfig } from '../../src/kernel/testing/test-app.ts';

/**
 * Browser tests drive Debian's Chromium through playwright-core (never a downloaded
 * browser). Without it they are skipped, with the command that installs it.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM_PATH);
if (chromiumMissing && process.env.CI) {
  throw new Error(`Chromium est absent (${CHROMIUM_PATH}) : en CI, les tests navigateur ne peuvent pas être ignorés (apt-get install -y chromium)`);
}
if (chromiumMissing) {
  console.warn(`Tests navigateur ignorés : Chromium est absent (${CHROMIUM_PATH}). Installez-le avec : apt-get install -y chromium`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A loopback port nobody listens on (for the platform, or a peer such as an SMTP server). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningPlatform {
  built: GuichetApp;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The whole platform on a loopback port, with the message worker delivering into the
 * development mailbox. PUBLIC_URL matches the port so links in messages can be followed.
 */
export async function startPlatform(): Promise<RunningPlatform> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const built = await createTestApp({ config: testConfig({ publicUrl: new URL(baseUrl), port, host: '127.0.0.1' }), runWorker: true, workerOptions: { pollMs: 100 } });
  await built.app.listen({ port, host: '127.0.0.1' });
  return { built, baseUrl, close: () => built.app.close() };
}

export async function newContext(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, locale: 'fr-FR', ...options });
}

/**
 * Signs in through the form, the way a person does, and returns once the page the form
 * leads to has loaded — so the caller never closes a page in the middle of that navigation.
 */
export async function signIn(page: Page, path: '/connexion' | '/agent/connexion', email: string, password: string) {
  await page.goto(path);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await submitAndWait(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
  // An agent with a second factor types the code their phone shows (test factories' agents).
  const code = new URL(page.url()).pathname === '/agent/connexion/code' ? codeDuTelephone(email) : undefined;
  if (code) {
    await page.getByLabel('Code de vérification').fill(code);
    await submitAndWait(page, () => page.getByRole('button', { name: 'Valider' }).click());
  }
}

/** Submits a form (through `action`) and waits until the document it leads to has loaded. */
export async function submitAndWait(page: Page, action: () => Promise<void>) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 30_000 });
  await action();
  await navigated;
  await page.waitForLoadState('load');
}

/**
 * Closes a page without risking the test: Chromium can acknowledge a close that races a
 * navigation commit and never close the target (playwright#41900, #42366), which leaves
 * `page.close()` waiting forever. Past a few seconds the page is left to its context.
 */
export async function closePage(page: Page): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    page.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 5_000);
    }),
  ]);
  clearTimeout(timer);
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the current page; returns one readable line per violation and node. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? '?'}) ${node.target.join(' ')} — ${violation.help} — ${node.failureSummary?.replaceAll('\n', ' ') ?? ''}`),
  );
}
