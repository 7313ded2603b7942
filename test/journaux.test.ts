import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { createUsager } from '../src/kernel/testing/factories.ts';
import { createTestApp, testConfig } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

// Logs travel far (files, collectors, support tickets): no personal data and no secret may
// reach them. The app logs at its most talkative level here, and every line is searched.
const CLIENT_IP = '203.0.113.77';
const NAME_IN_QUERY = 'Zébulon Quasimodo-Durand';
const COOKIE_VALUE = 'cookie-secret-9f8e7d6c5b4a3f2e1d0c9b8a';

let built: GuichetApp;
const lines: string[] = [];

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  built = await createTestApp({ config: testConfig({ logLevel: 'trace' }), logStream });
});
afterAll(async () => {
  await built.app.close();
});

/** Every form a value may take in a log line: as typed, URL-encoded, form-encoded, JSON-escaped. */
function forms(value: string) {
  return [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)];
}

function expectAbsent(...values: string[]) {
  const journal = lines.join('\n');
  for (const value of values) for (const form of forms(value)) expect(journal, `« ${form} » est dans les journaux`).not.toContain(form);
}

describe('logs', () => {
  it('keep no personal data nor secret from sign-ins, query strings and cookies', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, CLIENT_IP);
    const wrongPassword = 'un mot de passe faux mais long';
    expect((await client.submit('/connexion', '/connexion', { email: usager.email, password: wrongPassword })).statusCode).toBe(401);
    const signedIn = await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    expect(signedIn.statusCode).toBe(303);
    const sessionCookie = client.cookie('gt_session');
    expect(sessionCookie).toBeTruthy();
    expect((await client.get('/mon-espace')).statusCode).toBe(200);

    const query = new URLSearchParams({ nom: NAME_IN_QUERY, commune: 'Périgueux' }).toString();
    expect((await client.get(`/ou-aller?${query}`)).statusCode).toBeLessThan(500);
    expect((await client.get(`/api/v1/communes?${new URLSearchParams({ q: NAME_IN_QUERY })}`)).statusCode).toBeLessThan(500);
    // A refused request (here a form without its anti-forgery token) is logged too.
    const refused = await built.app.inject({
      method: 'POST',
      url: `/connexion?${new URLSearchParams({ nom: NAME_IN_QUERY })}`,
      remoteAddress: CLIENT_IP,
      headers: { cookie: `gt_anon=${COOKIE_VALUE}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: usager.email, password: usager.password }).toString(),
    });
    expect(refused.statusCode).toBe(403);
    const withCookie = await built.app.inject({ method: 'GET', url: '/', remoteAddress: CLIENT_IP, headers: { cookie: `gt_session=${COOKIE_VALUE}; autre=${COOKIE_VALUE}` } });
    expect(withCookie.statusCode).toBe(200);

    expectAbsent(usager.email, usager.password, wrongPassword, NAME_IN_QUERY, 'Quasimodo', COOKIE_VALUE, sessionCookie!, CLIENT_IP);
    expect(lines.join('\n')).not.toMatch(/remoteAddress|"cookie"|x-forwarded-for/i);

    // The log did record these requests, by path only.
    const entries = lines.map((line) => JSON.parse(line) as { req?: { url?: string; method?: string } });
    const urls = entries.map((entry) => entry.req?.url).filter(Boolean);
    expect(urls).toEqual(expect.arrayContaining(['/connexion', '/ou-aller', '/api/v1/communes', '/']));
  });

  it('keep of a database error its code and constraint, never the row it quotes', async () => {
    const usager = await createUsager(built, 'doublon.journal@exemple.fr');
    const duplicate = await sql`insert into users (kind, email, email_normalized, display_name) values ('usager', ${usager.email}, ${usager.email.toLowerCase()}, 'Doublon')`
      .execute(built.db)
      .then(
        () => null,
        (error: unknown) => error as Error & { detail?: string },
      );
    // The driver's own error does quote the address: that is what must not travel.
    expect(duplicate?.detail).toContain(usager.email.toLowerCase());
    built.app.log.error({ err: duplicate }, 'erreur inattendue');
    const line = lines.at(-1) ?? '';
    expect(line).toContain('23505');
    expect(line).toContain('users_email_normalized_key');
    expectAbsent(usager.email, usager.email.toLowerCase());

    // A data exception quotes the value in its very message: « invalid input syntax for type uuid: "…" ».
    const badUuid = await sql`select ${'jeanne.valeur@exemple.fr'}::uuid`.execute(built.db).then(
      () => null,
      (error: unknown) => error as Error & { code?: string },
    );
    expect(badUuid?.message).toContain('jeanne.valeur@exemple.fr');
    built.app.log.error({ err: badUuid }, 'erreur inattendue');
    expect(lines.at(-1)).toContain('22P02');
    expectAbsent('jeanne.valeur@exemple.fr');
  });
});
