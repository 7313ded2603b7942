import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { createUsager } from '../src/kernel/testing/factories.ts';
import { createTestApp, openTestDatabase, testConfig } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

// A real unexpected failure: the database goes away under a running app (a crashed server,
// a network cut). People get a French page that says sorry, never the error's inner details.
let built: GuichetApp;
let client: TestClient;
const logLines: Array<{ msg?: string; err?: { message?: string; stack?: string } }> = [];

beforeAll(async () => {
  const database = await openTestDatabase();
  let closed = false;
  const closeOnce = async () => {
    if (closed) return;
    closed = true;
    await database.close();
  };
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  built = await createTestApp({ database: { ...database, close: closeOnce }, config: testConfig({ logLevel: 'error' }), logStream });
  const usager = await createUsager(built);
  client = new TestClient(built.app);
  expect((await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password })).statusCode).toBe(303);
  await client.get('/mon-espace');
  // Every request of a signed-in person reads the session: each now fails.
  await closeOnce();
});
afterAll(async () => {
  await built.app.close();
});

function errorLogged() {
  const entry = logLines.find((line) => line.msg === 'erreur inattendue');
  expect(entry?.err?.message).toBeTruthy();
  return entry!.err!;
}

describe('an unexpected error', () => {
  it('shows a French 500 page without the error’s details', async () => {
    const response = await client.get('/');
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<html lang="fr"');
    expect(response.body).toContain('<h1>Erreur inattendue</h1>');
    expect(response.body).toContain('Désolé, le service rencontre un problème.');
    expect(response.body).toContain('href="/"');

    // The operator gets the details in the log; the visitor does not.
    const err = errorLogged();
    expect(response.body).not.toContain(err.message!);
    expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    expect(response.body).not.toMatch(/stack|Error:|node_modules|kysely|pglite|postgres/i);
  });

  it('answers a form sent at that moment with the same page, not a raw error', async () => {
    const response = await client.post('/deconnexion');
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('<h1>Erreur inattendue</h1>');
    expect(response.body).not.toContain(errorLogged().message!);
  });

  it('answers an /api path with a JSON error carrying no details', async () => {
    const response = await client.get('/api/v1/points');
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ code: 'INTERNAL', message: 'Erreur interne' });
  });
});
