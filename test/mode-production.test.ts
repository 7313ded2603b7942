import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { createTestApp, testConfig } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

// Look-alike sites that charge citizens are a real abuse: a demonstration must say so on
// every page, and only production may look like the real service. The development mailbox
// shows people's messages: it must not exist in production.
// Either apostrophe, escaped or not: the wording matters, not its typography.
const BANNER = /Site de démonstration — aucune démarche réelle n(?:'|’|&#39;)est traitée ici/;
const PAGES = [
  ['home', '/', 200],
  ['a 404 page', '/cette-page-n-existe-pas', 404],
  ['the citizen sign-in page', '/connexion', 200],
  ['the agent sign-in page', '/agent/connexion', 200],
] as const;

// Loopback addresses nobody listens on: production requires them, no test sends anything.
const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://guichet-titres.exemple.fr',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
};

describe('in production mode', () => {
  let built: GuichetApp;
  beforeAll(async () => {
    const config = testConfig({}, PRODUCTION_ENV);
    expect(config.mode).toBe('production');
    built = await createTestApp({ config });
  });
  afterAll(async () => {
    await built.app.close();
  });

  it.each(PAGES)('shows no demonstration banner on %s', async (_name, url, status) => {
    const response = await new TestClient(built.app).get(url);
    expect(response.statusCode).toBe(status);
    expect(response.body).toContain('République');
    expect(response.body).not.toMatch(BANNER);
    expect(response.body).not.toContain('bandeau-demonstration');
  });

  it('has no development mailbox, nor a link to it', async () => {
    const client = new TestClient(built.app);
    const mailbox = await client.get('/dev/boite');
    expect(mailbox.statusCode).toBe(404);
    expect(mailbox.body).toContain('Page non trouvée');
    expect((await client.get('/')).body).not.toContain('/dev/boite');
  });
});

describe('outside production', () => {
  let built: GuichetApp;
  beforeAll(async () => {
    built = await createTestApp();
  });
  afterAll(async () => {
    await built.app.close();
  });

  it.each(PAGES)('shows the demonstration banner on %s', async (_name, url, status) => {
    const response = await new TestClient(built.app).get(url);
    expect(response.statusCode).toBe(status);
    expect(response.body).toMatch(BANNER);
  });

  it('keeps messages on the development mailbox', async () => {
    const client = new TestClient(built.app);
    const mailbox = await client.get('/dev/boite');
    expect(mailbox.statusCode).toBe(200);
    expect(mailbox.body).toContain('Boîte de développement');
    expect((await client.get('/')).body).toContain('href="/dev/boite"');
  });
});
