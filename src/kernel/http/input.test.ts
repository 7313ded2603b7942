import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { AGENT_PASSWORD, createAgent, createUsager } from '../testing/factories.ts';
import { createTestApp } from '../testing/test-app.ts';
import { TestClient } from '../testing/test-client.ts';
import { listAudit } from '../audit/audit-repository.ts';
import { field, saisieInterdite, texteInterdit } from './input.ts';

describe('the input layer', () => {
  it('refuses control characters and lone surrogates, keeps tabs, newlines and any real character', () => {
    for (const bad of ['a\u0000b', '\u0007', 'x\u001b[31m', '\u007f', '\ud800', 'a\udc00b', '\ud83d']) expect(texteInterdit(bad)).toBe(true);
    for (const good of ['Périgueux', 'ligne 1\nligne 2\r\n\tretrait', 'émoji 🙂', 'Œ’«»—', '']) expect(texteInterdit(good)).toBe(false);
    expect(saisieInterdite({ a: ['ok', { b: 'x\u0000' }] })).toBe(true);
    expect(saisieInterdite({ 'clé\u0000': 'ok' })).toBe(true);
    expect(saisieInterdite(Buffer.from([0, 1, 2]))).toBe(false);
  });

  it('reads a text field, cut to its length, and nothing else', () => {
    expect(field({ a: 'abcdef' }, 'a', 3)).toBe('abc');
    expect(field({ a: ['x'] }, 'a')).toBe('');
    expect(field({ a: { toString: () => 'x' } }, 'a')).toBe('');
    expect(field(undefined, 'a')).toBe('');
    expect(field('texte', 'length')).toBe('');
  });
});

describe('malformed input on real routes', () => {
  let built: GuichetApp;
  beforeAll(async () => {
    built = await createTestApp();
  });
  afterAll(async () => {
    await built.app.close();
  });

  it('answers 400 with a French page, never a 500, for a NUL byte in an e-mail on every anonymous form', async () => {
    for (const [page, action] of [
      ['/connexion', '/connexion'],
      ['/agent/connexion', '/agent/connexion'],
      ['/inscription', '/inscription'],
      ['/mot-de-passe-oublie', '/mot-de-passe-oublie'],
    ] as const) {
      const client = new TestClient(built.app, '198.51.100.90');
      const response = await client.submit(page, action, { email: 'lea\u0000@exemple.fr', password: 'mon chat aime les croquettes' });
      expect(response.statusCode, action).toBe(400);
      expect(response.body).toContain('Saisie non valide');
      expect(response.body).toContain('caractère invisible ou non valide');
    }
  });

  it('refuses a NUL in a path id before any guard writes it to the audit journal', async () => {
    const agent = await createAgent(built, 'agent_mairie', { communeInsee: '24322', departement: '24' });
    const client = new TestClient(built.app, '198.51.100.91');
    await client.submit('/agent/connexion', '/agent/connexion', { email: agent.email, password: AGENT_PASSWORD });
    const before = (await listAudit(built.db, { limit: 1 }))[0]?.id;
    for (const url of ['/mairie/demandes/%00', '/instruction/%00', '/paiement-test/%00']) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(400);
    }
    expect((await listAudit(built.db, { limit: 1 }))[0]?.id).toBe(before);
  });

  it('answers the JSON APIs with a JSON 400 for a lone surrogate', async () => {
    const response = await built.app.inject({
      method: 'POST',
      url: '/api/agent/timbres/verification',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      payload: '{"numero":"\\ud800"}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('caractère invisible') });
  });

  it('still lets ordinary text with accents, tabs and newlines through', async () => {
    const usager = await createUsager(built);
    const client = new TestClient(built.app, '198.51.100.92');
    const signedIn = await client.submit('/connexion', '/connexion', { email: usager.email, password: usager.password });
    expect(signedIn.statusCode).toBe(303);
  });

  it('reads dates as real calendar dates: an impossible one is a French message next to its field', async () => {
    const client = new TestClient(built.app, '198.51.100.93');
    for (const date of ['2020-13-45', '2026-02-30', '0000-00-00']) {
      const suivi = await client.submit('/suivi', '/suivi', { numero: 'D-24-K7M2QX9P', date });
      expect(suivi.statusCode, date).toBe(400);
      expect(suivi.body).toContain('Cette date n’existe pas');
    }
    const agent = await createAgent(built, 'agent_prefecture', { departement: '24' });
    const prefecture = new TestClient(built.app, '198.51.100.94');
    await prefecture.submit('/agent/connexion', '/agent/connexion', { email: agent.email, password: AGENT_PASSWORD });
    for (const query of ['au=9999-12', 'du=9999-12&au=9999-12', 'du=1899-01&au=1899-06']) {
      const pilotage = await prefecture.get(`/pilotage?${query}`);
      expect(pilotage.statusCode, query).toBe(400);
      expect(pilotage.body).toContain('entre 2000-01 et 2099-12');
    }
  });
});
