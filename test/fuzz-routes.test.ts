// The route table, walked: every route Fastify knows, as every role, receives generated
// malformed input — odd path ids, control characters, lone surrogates, impossible dates,
// arrays where text is expected, JSON of any shape — and must never answer 5xx. A failure
// prints fast-check's seed and the smallest input that broke the route.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../src/app.ts';
import { createAdmin, createAgent, createUsager } from '../src/kernel/testing/factories.ts';
import { createTestApp } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

const RUNS_PER_ROUTE_AND_ROLE = Number(process.env.FUZZ_RUNS ?? 4);
// Signing out would end the role's session halfway through the walk.
const SKIPPED = new Set(['POST /deconnexion']);

// Names the forms and APIs really read, so that generated values reach the code behind them.
const FIELDS = [
  'email', 'password', 'jeton', 'numero', 'date', 'jour', 'mois', 'annee', 'commune', 'code', 'motif', 'du', 'au', 'figure', 'page',
  'nom', 'mobile', 'quantite', 'usage', 'type', 'niveau', 'contenu', 'source', 'application_ids', 'referenceDossier', 'duree', 'agent',
  'titre', 'arrondissement', 'lat', 'lon', 'modifier', 'v', 'fait', 'demarche', 'age', 'id', 'reference', 'timbre', 'dateNaissance',
];
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\ud800', 'x\udc00', '%', '%00', '..', '../../etc/passwd', '-'.repeat(36),
  '00000000-0000-0000-0000-000000000000', 'a'.repeat(5000), '2020-13-45', '9999-12', '0000-00-00', '2026-02-30', '-1', '1e309', 'NaN',
  '999999999999999999999', "'; drop table users; --", '<script>alert(1)</script>', '=HYPERLINK("x")', '０１２', '🙂', 'D-24-K7M2QX9P', 'gta_x',
  'true', 'null', '[]', '{}', '__proto__', 'constructor',
];

const text = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const value = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) });
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: text });
const fields = fc.dictionary(key, value, { maxKeys: 6 });

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
function encode(raw: string): string {
  let out = '';
  for (const char of raw) {
    const code = char.codePointAt(0)!;
    out += code >= 0xd800 && code <= 0xdfff ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}` : encodeURIComponent(char);
  }
  return out;
}
const form = (data: Record<string, unknown>) =>
  Object.entries(data)
    .flatMap(([name, v]) => [v].flat().map((item) => `${encode(name)}=${encode(String(item))}`))
    .join('&');

const input = fc.record({
  params: fc.array(text, { minLength: 4, maxLength: 4 }),
  query: fields,
  body: fc.oneof(fields.map((data) => ({ kind: 'form' as const, data })), fc.oneof(fields, fc.jsonValue({ maxDepth: 3 })).map((data) => ({ kind: 'json' as const, data }))),
});

let built: GuichetApp;
const clients = new Map<string, TestClient>();

async function signedIn(path: string, email: string, password: string, ip: string) {
  const client = new TestClient(built.app, ip);
  expect((await client.submit(path, path, { email, password })).statusCode).toBe(303);
  return client;
}

beforeAll(async () => {
  built = await createTestApp();
  clients.set('anonyme', new TestClient(built.app, '192.0.2.200'));
  const usager = await createUsager(built);
  clients.set('usager', await signedIn('/connexion', usager.email, usager.password, '192.0.2.201'));
  for (const [i, [role, rattachement]] of ([
    ['agent_mairie', { communeInsee: '24322', departement: '24' }],
    ['agent_prefecture', { departement: '24' }],
    ['instructeur', { departement: '24' }],
  ] as const).entries()) {
    const agent = await createAgent(built, role, rattachement);
    clients.set(role, await signedIn('/agent/connexion', agent.email, agent.password, `192.0.2.${210 + i}`));
  }
  const admin = await createAdmin(built);
  clients.set('admin', await signedIn('/agent/connexion', admin.email, admin.password, '192.0.2.220'));
  // Each client picks up an anti-CSRF token, so that posts reach the route behind the check.
  for (const client of clients.values()) await client.get('/');
}, 120_000);

afterAll(async () => {
  await built.app.close();
});

describe('every route, every role, malformed input', () => {
  it('never answers 5xx', { timeout: 600_000 }, async () => {
    const routes = built.app.tableDesRoutes.filter(({ method, url }) => method !== 'HEAD' && !SKIPPED.has(`${method} ${url}`));
    expect(routes.length).toBeGreaterThan(50);
    let cases = 0;
    const failures: string[] = [];
    for (const { method, url } of routes) {
      for (const [role, client] of clients) {
        await fc.assert(
          fc.asyncProperty(input, async ({ params, query, body }) => {
            let i = 0;
            const path = url.replace(/:[A-Za-z_]+|\*/g, () => encode(params[i++ % params.length]!));
            const search = form(query);
            const withBody = method !== 'GET' && method !== 'DELETE';
            const response = await client.request({
              method,
              url: search ? `${path}?${search}` : path,
              ...(withBody && body.kind === 'form' ? { payload: form(body.data as Record<string, unknown>), contentType: 'application/x-www-form-urlencoded' } : {}),
              ...(withBody && body.kind === 'json' ? { payload: JSON.stringify(body.data), contentType: 'application/json' } : {}),
            });
            cases += 1;
            if (response.statusCode >= 500) failures.push(`${role} ${method} ${path} → ${response.statusCode}`);
            return response.statusCode < 500;
          }),
          { numRuns: RUNS_PER_ROUTE_AND_ROLE, endOnFailure: true },
        ).catch((error: unknown) => {
          failures.push(`${role} ${method} ${url}: ${error instanceof Error ? error.message.split('\n').slice(0, 6).join(' | ') : String(error)}`);
        });
      }
    }
    console.info(`fuzz: ${routes.length} routes × ${clients.size} rôles, ${cases} requêtes, ${failures.length} réponses 5xx`);
    expect(failures).toEqual([]);
  });

  // Random values rarely make a whole form valid but one field: here each form the role can
  // open is sent back filled as the page offers it (plausible values where empty), with one
  // field at a time replaced by a value a careless parser chokes on.
  it('never answers 5xx to a form sent back with one field spoiled', { timeout: 600_000 }, async () => {
    const SPOILERS = ['2020-13-45', '9999-12-31', '9999-12', '0000-00-00', '-1', '999999999999999999999', '1e309', 'a'.repeat(3000), '', '00000000-0000-0000-0000-000000000000', '[]'];
    const PLAUSIBLE: Record<string, string> = { email: 'personne@exemple.fr', date: '1980-02-29', numero: 'D-24-K7M2QX9P', mobile: '06 12 34 56 78', commune: '24322', quantite: '1', du: '2026-01', au: '2026-06' };
    const routes = built.app.tableDesRoutes.filter(({ method, url }) => (method === 'POST' || method === 'GET') && !url.includes(':') && !url.includes('*') && !SKIPPED.has(`${method} ${url}`));
    let cases = 0;
    const failures: string[] = [];
    for (const { method, url } of routes) {
      for (const [role, client] of clients) {
        const page = await client.get(url);
        if (page.statusCode !== 200 || !page.headers['content-type']?.toString().includes('text/html')) continue;
        const baseline: Record<string, string> = {};
        // A GET route is spoiled through the fields of its own search form (method="get").
        const forms = method === 'GET' ? [...page.body.matchAll(/<form\b[^>]*method="get"[^>]*>([\s\S]*?)<\/form>/gi)].map((m) => m[1]!).join('') : page.body;
        for (const match of forms.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>/g)) {
          const name = match[1]!;
          if (name === '_csrf' || name in baseline) continue;
          baseline[name] = /\bvalue="([^"]*)"/.exec(match[0])?.[1] || PLAUSIBLE[name] || (/type="date"/.test(match[0]) ? '1980-02-29' : 'texte');
        }
        for (const name of Object.keys(baseline)) {
          for (const spoiler of SPOILERS) {
            const data = form({ ...baseline, [name]: spoiler });
            const response = method === 'GET' ? await client.request({ method, url: `${url}?${data}` }) : await client.request({ method, url, payload: data, contentType: 'application/x-www-form-urlencoded' });
            cases += 1;
            if (response.statusCode >= 500) failures.push(`${role} ${method} ${url} ${name}=${spoiler.slice(0, 30)} → ${response.statusCode}`);
          }
        }
      }
    }
    console.info(`fuzz (formulaires) : ${cases} envois, ${failures.length} réponses 5xx`);
    expect(failures).toEqual([]);
  });
});
