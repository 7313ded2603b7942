import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { listAudit } from '../../kernel/audit/audit-repository.ts';
import { MIN_LENGTH } from '../../kernel/auth/passwords.ts';
import { AGENT_PASSWORD, USAGER_PASSWORD, createAdmin, createUsager, uniqueEmail } from '../../kernel/testing/factories.ts';
import { createTestApp, testConfig } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { comptesRepository } from './comptes-repository.ts';
import { INVITATIONS_PER_ADMIN } from './comptes-service.ts';

const MINUTE = 60_000;
// Short timeouts, set through the environment, prove the configuration is what counts.
const IDLE_MINUTES = 20;
const ABSOLUTE_HOURS = 2;
// The clock only moves forward in this file, so tests cannot undo each other's windows.
let clock = new Date('2026-03-09T08:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * MINUTE);
};

// Both taken from the list of common passwords the code refuses (@zxcvbn-ts/language-common),
// and long enough that only that list can refuse them.
const COMMON_USAGER_PASSWORD = 'leavemealone';
const COMMON_AGENT_PASSWORD = 'passwordstandard';
const TOO_COMMON = 'Ce mot de passe est trop courant';

let built: GuichetApp;
/** The same platform served over https. */
let secure: GuichetApp;
beforeAll(async () => {
  [built, secure] = await Promise.all([
    createTestApp({
      now: () => clock,
      config: testConfig({}, { SESSION_IDLE_MINUTES: String(IDLE_MINUTES), SESSION_ABSOLUTE_HOURS: String(ABSOLUTE_HOURS) }),
    }),
    createTestApp({ now: () => clock, config: testConfig({}, { PUBLIC_URL: 'https://guichet.exemple.fr' }) }),
  ]);
});
afterAll(async () => {
  await Promise.all([built?.app.close(), secure?.app.close()]);
});

function setCookie(response: LightMyRequestResponse, name: string): string {
  const headers = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const found = headers.find((header) => header.startsWith(`${name}=`));
  if (!found) throw new Error(`pas de cookie ${name} dans : ${headers.join(' | ')}`);
  return found;
}

async function signIn(client: TestClient, path: string, email: string, password: string) {
  return client.submit(path, path, { email, password });
}

/** The error message shown under the field `name`, tied to it by aria-describedby. */
function fieldError(body: string, name: string): string | undefined {
  if (!body.includes(`aria-describedby="champ-${name}-messages"`)) return undefined;
  return new RegExp(`id="champ-${name}-messages"[^>]*>\\s*<p class="fr-message fr-message--error">([^<]*)</p>`).exec(body)?.[1];
}

async function invitationToken(email: string) {
  await built.worker.runOnce();
  const [message] = (await built.outbox.list({ deliveredBy: 'boite-dev', limit: 50 })).filter((row) => row.recipient === email);
  const token = /jeton=([\w-]+)/.exec(message?.rendered?.text ?? '')?.[1];
  if (!token) throw new Error(`pas d’invitation pour ${email}`);
  return token;
}

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, host-only, and not Secure over plain http (development)', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '192.0.2.11');
    const page = await client.get('/connexion');
    const anon = setCookie(page, 'gt_anon');
    expect(anon).toMatch(/; HttpOnly/i);
    expect(anon).toMatch(/; SameSite=Lax/i);
    const login = await client.post('/connexion', { email: usager.email, password: usager.password });
    expect(login.statusCode).toBe(303);
    const cookie = setCookie(login, 'gt_session');
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Domain=/i);
    expect(cookie).not.toMatch(/; Secure/i);
    // The browser forgets it when the session ends at the latest.
    expect(cookie).toContain(`Expires=${new Date(clock.getTime() + ABSOLUTE_HOURS * 60 * MINUTE).toUTCString()}`);
  });

  it('is Secure and named with the __Host- prefix when the public address is https', async () => {
    const usager = await createUsager(secure);
    const client = new TestClient(secure.app, '192.0.2.12');
    const page = await client.get('/connexion');
    const anon = setCookie(page, '__Host-gt_anon');
    expect(anon).toMatch(/; Secure/i);
    expect(anon).toMatch(/; Path=\/(;|$)/i);
    expect(anon).not.toMatch(/; Domain=/i);
    const login = await client.post('/connexion', { email: usager.email, password: usager.password });
    expect(login.statusCode).toBe(303);
    const cookie = setCookie(login, '__Host-gt_session');
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/; Domain=/i);
    expect(client.cookie('gt_session')).toBeUndefined();
    expect((await client.get('/mon-espace')).statusCode).toBe(200);
    // The same id under the unprefixed name (which a sibling domain could set) opens nothing.
    const unprefixed = await secure.app.inject({ url: '/mon-espace', headers: { cookie: `gt_session=${client.cookie('__Host-gt_session')}` } });
    expect(unprefixed.statusCode).toBe(302);
  });
});

describe('session timeouts', () => {
  it('keeps an active session, and refuses one idle longer than SESSION_IDLE_MINUTES', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '192.0.2.13');
    expect((await signIn(client, '/connexion', usager.email, usager.password)).statusCode).toBe(303);
    advance(IDLE_MINUTES - 1);
    expect((await client.get('/mon-espace')).statusCode).toBe(200);
    // Longer than the idle limit since sign-in, but not since the last page: still open.
    advance(IDLE_MINUTES - 1);
    expect((await client.get('/mon-espace')).statusCode).toBe(200);
    advance(IDLE_MINUTES + 1);
    const idle = await client.get('/mon-espace');
    expect(idle.statusCode).toBe(302);
    expect(idle.headers.location).toBe('/connexion');
  });

  it('refuses an idle agent session too, sending the agent back to the agents’ sign-in', async () => {
    const admin = await createAdmin(built);
    const client = new TestClient(built.app, '192.0.2.14');
    expect((await signIn(client, '/agent/connexion', admin.email, admin.password)).statusCode).toBe(303);
    expect((await client.get('/agent')).statusCode).toBe(200);
    advance(IDLE_MINUTES + 1);
    const idle = await client.get('/admin/agents');
    expect(idle.statusCode).toBe(302);
    expect(idle.headers.location).toBe('/agent/connexion');
  });

  it('refuses a session older than SESSION_ABSOLUTE_HOURS even while it is in use', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '192.0.2.15');
    expect((await signIn(client, '/connexion', usager.email, usager.password)).statusCode).toBe(303);
    const step = IDLE_MINUTES - 5;
    let elapsed = 0;
    while (elapsed + step < ABSOLUTE_HOURS * 60) {
      advance(step);
      elapsed += step;
      expect((await client.get('/mon-espace')).statusCode, `après ${elapsed} minutes`).toBe(200);
    }
    // Seen `step` minutes ago (less than the idle limit), but opened more than the limit ago.
    advance(ABSOLUTE_HOURS * 60 - elapsed + 1);
    const expired = await client.get('/mon-espace');
    expect(expired.statusCode).toBe(302);
    expect(expired.headers.location).toBe('/connexion');
  });
});

describe('passwords', () => {
  it('hashes a citizen’s password with argon2id and refuses a common one next to the field at sign-up', async () => {
    expect([...COMMON_USAGER_PASSWORD].length).toBeGreaterThanOrEqual(MIN_LENGTH.usager);
    const client = new TestClient(built.app, '192.0.2.16');
    const email = uniqueEmail('inscription');
    const refused = await client.submit('/inscription', '/inscription', { email, password: COMMON_USAGER_PASSWORD });
    expect(refused.statusCode).toBe(400);
    expect(fieldError(refused.body, 'password')).toContain(TOO_COMMON);
    expect(await comptesRepository(built.db).findByEmail(email)).toBeUndefined();
    // A trailing number or sign does not make a common password acceptable.
    const suffixed = await client.submit('/inscription', '/inscription', { email, password: `${COMMON_USAGER_PASSWORD}2026!` });
    expect(fieldError(suffixed.body, 'password')).toContain(TOO_COMMON);

    const accepted = await client.submit('/inscription', '/inscription', { email, password: USAGER_PASSWORD });
    expect(accepted.statusCode).toBe(303);
    const account = await comptesRepository(built.db).findByEmail(email);
    expect(account?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(account?.passwordHash).not.toContain(USAGER_PASSWORD);
  });

  it('hashes an agent’s password with argon2id and refuses a common one next to the field when the agent chooses it', async () => {
    expect([...COMMON_AGENT_PASSWORD].length).toBeGreaterThanOrEqual(MIN_LENGTH.agent);
    const admin = await createAdmin(built);
    expect(admin.account.passwordHash).toMatch(/^\$argon2id\$/);
    const email = uniqueEmail('agent.mot-de-passe');
    const adminPrincipal = { userId: admin.account.id, kind: 'agent' as const, role: 'admin' as const, communeInsee: null, departement: null, displayName: admin.account.displayName };
    const invited = await built.comptes.inviteAgent(adminPrincipal, { email, displayName: 'Agent Mot-de-passe', role: 'instructeur', communeInsee: null, departement: '24' });
    expect(invited.ok).toBe(true);
    const jeton = await invitationToken(email);

    const client = new TestClient(built.app, '192.0.2.17');
    const refused = await client.submit(`/compte/invitation?jeton=${jeton}`, '/compte/invitation', { jeton, password: COMMON_AGENT_PASSWORD });
    expect(refused.statusCode).toBe(400);
    expect(fieldError(refused.body, 'password')).toContain(TOO_COMMON);
    expect((await comptesRepository(built.db).findByEmail(email))?.passwordHash).toBeNull();

    const accepted = await client.submit(`/compte/invitation?jeton=${jeton}`, '/compte/invitation', { jeton, password: AGENT_PASSWORD });
    expect(accepted.statusCode).toBe(200);
    const account = await comptesRepository(built.db).findByEmail(email);
    expect(account?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('guessing passwords', () => {
  it('throttles wrong passwords on one account from many addresses at the per-account ceiling, for 15 minutes', async () => {
    const usager = await createUsager(built);
    const statuses: number[] = [];
    // 60 addresses, one wrong password each: no address ever reaches its own limit (5).
    for (let i = 0; i < 60; i += 1) {
      statuses.push((await signIn(new TestClient(built.app, `10.20.${i}.1`), '/connexion', usager.email, `mauvais mot de passe ${i}`)).statusCode);
    }
    expect(statuses.slice(0, 50).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(50).every((status) => status === 429)).toBe(true);
    // The ceiling holds the account itself: the right password is refused too, from anywhere…
    const owner = new TestClient(built.app, '198.51.100.77');
    const held = await signIn(owner, '/connexion', usager.email, usager.password);
    expect(held.statusCode).toBe(429);
    expect(held.body).toContain('Trop de tentatives');
    // …until the window is over.
    advance(15);
    expect((await signIn(owner, '/connexion', usager.email, usager.password)).statusCode).toBe(303);
  });

  it('counts the same account whatever the case or spaces of the address typed', async () => {
    const usager = await createUsager(built);
    const attacker = new TestClient(built.app, '203.0.113.9');
    const variants = [usager.email, usager.email.toUpperCase(), ` ${usager.email}`, usager.email.replace(/^./, (c) => c.toUpperCase())];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await signIn(attacker, '/connexion', variants[i % variants.length]!, `mauvais ${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});

describe('agent invitations', () => {
  it('limits the invitations one admin sends in an hour, with a French message on the form', async () => {
    const admin = await createAdmin(built);
    const client = new TestClient(built.app, '192.0.2.18');
    expect((await signIn(client, '/agent/connexion', admin.email, admin.password)).statusCode).toBe(303);
    await client.get('/admin/agents');
    const invite = (c: TestClient, email: string) => c.post('/admin/agents', { nom: 'Agent Limite', email, role: 'instructeur', commune: '', departement: '24' });
    for (let i = 0; i < INVITATIONS_PER_ADMIN.limit; i += 1) {
      expect((await invite(client, uniqueEmail(`invitation-${i}`))).statusCode, `invitation ${i + 1}`).toBe(303);
    }
    const email = uniqueEmail('invitation-de-trop');
    const refused = await invite(client, email);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(fieldError(refused.body, 'email')).toMatch(/réessayez dans \d+ minutes?\./);
    expect(refused.body).toContain(`value="${email}"`);
    expect(await comptesRepository(built.db).findByEmail(email)).toBeUndefined();
    expect((await built.outbox.list({ limit: 500 })).some((row) => row.recipient === email)).toBe(false);
    const audit = await listAudit(built.db, { actorId: admin.account.id, objectType: 'compte' });
    expect(audit.some((row) => row.action === 'creer-agent' && row.outcome === 'refus')).toBe(true);

    // The limit is per admin: another one still invites.
    const other = await createAdmin(built);
    const otherClient = new TestClient(built.app, '192.0.2.19');
    await signIn(otherClient, '/agent/connexion', other.email, other.password);
    await otherClient.get('/admin/agents');
    expect((await invite(otherClient, uniqueEmail('invitation-autre'))).statusCode).toBe(303);

    // An hour later the first admin may invite again (the sessions are renewed: they idled).
    advance(60);
    expect((await signIn(client, '/agent/connexion', admin.email, admin.password)).statusCode).toBe(303);
    await client.get('/admin/agents');
    expect((await invite(client, email)).statusCode).toBe(303);
  });
});
