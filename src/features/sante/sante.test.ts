import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { enqueueNotification } from '../../kernel/notifications/outbox-repository.ts';
import type { MessageTemplate } from '../../kernel/notifications/templates.ts';
import { createAdmin } from '../../kernel/testing/factories.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { createTestApp, testConfig } from '../../kernel/testing/test-app.ts';

// What an operator or a load balancer reads: it must tell the truth about the environment,
// so the expectations come from the environment and the files, never from the app itself.
const EXPECTED_KIND = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const MIGRATION_FILES = fs.readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith('.sql')).length;

const SONDE: MessageTemplate<{ texte: string }> = {
  name: 'test.sante',
  version: 1,
  channel: 'email',
  render: ({ texte }) => ({ subject: 'Sonde', text: texte }),
};

const JETON = 'jeton-de-supervision-assez-long-0123456789';
const supervision = (url = '/sante') => built.app.inject({ url, headers: { authorization: `Bearer ${JETON}` } });

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp({ config: testConfig({ santeJeton: JETON }) });
});
afterAll(async () => {
  await built.app.close();
});

describe('/sante', () => {
  it('tells anyone the status alone, and the details only to monitoring (its token) or an admin', async () => {
    const public_ = await built.app.inject('/sante');
    expect(public_.statusCode).toBe(200);
    expect(public_.headers['cache-control']).toBe('no-store');
    expect(public_.json()).toEqual({ status: 'ok' });
    expect((await built.app.inject({ url: '/sante', headers: { authorization: 'Bearer pas-le-bon-jeton-de-supervision-0000' } })).json()).toEqual({ status: 'ok' });
    const admin = await createAdmin(built);
    const client = new TestClient(built.app);
    await client.submit('/agent/connexion', '/agent/connexion', { email: admin.email, password: admin.password });
    expect((await client.get('/sante')).json()).toMatchObject({ status: 'ok', database: EXPECTED_KIND, outbox: { failed: 0 } });
  });

  it('reports status, the database kind the environment asks for and every migration file applied', async () => {
    const response = await supervision();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(EXPECTED_KIND);
    expect(MIGRATION_FILES).toBeGreaterThan(0);
    expect(body.migrations).toEqual({ applied: MIGRATION_FILES, latest: MIGRATION_FILES });
  });

  it('counts a message waiting in the outbox as backlog', async () => {
    expect((await supervision()).json().outbox).toEqual({ backlog: 0, failed: 0 });
    await enqueueNotification(built.db, { template: SONDE, recipient: 'sonde@exemple.fr', values: { texte: 'bonjour' } });
    const body = (await supervision()).json();
    expect(body.outbox).toEqual({ backlog: 1, failed: 0 });
    // No personal data in a public health check: the recipient never shows.
    expect(JSON.stringify(body)).not.toContain('sonde@exemple.fr');
  });
});
