import { randomUUID } from 'node:crypto';
import { codeTotp } from '../src/kernel/auth/totp.ts';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';
import { freshTarget, runCli, type Target } from './support/processus.ts';

// No default credentials: the first admin comes from the command line. This runs the real
// command in its own process, then opens the same database with the app and signs in
// through the form, the way the operator does after installing.
const STRONG_PASSWORD = 'une longue phrase de passe pour la première administratrice';

async function openApp(target: Target) {
  const built = await buildApp({ config: testConfig({}, target.env), runWorker: false });
  await built.app.ready();
  return built;
}

describe('creer-admin command', () => {
  let target: Target | undefined;
  afterEach(async () => {
    await target?.cleanup();
    target = undefined;
  });

  it('creates an admin who then signs in through the agents’ form', { timeout: 180_000 }, async () => {
    target = await freshTarget();
    const email = `admin.${randomUUID().slice(0, 8)}@prefecture.exemple.fr`;
    const run = await runCli(['creer-admin', '--email', email, '--nom', 'Alice Administratrice'], { ...target.env, ADMIN_PASSWORD: STRONG_PASSWORD });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Administrateur créé : ${email}`);
    expect(run.stdout).not.toContain(STRONG_PASSWORD);

    const built = await openApp(target);
    try {
      const client = new TestClient(built.app);
      const wrong = await client.submit('/agent/connexion', '/agent/connexion', { email, password: 'pas le bon mot de passe du tout' });
      expect(wrong.statusCode).toBe(401);
      const login = await client.submit('/agent/connexion', '/agent/connexion', { email, password: STRONG_PASSWORD });
      expect(login.statusCode).toBe(303);
      // First sign-in of an admin: the second factor is enrolled before any session opens.
      expect(login.headers.location).toBe('/agent/double-facteur/activation');
      expect((await client.get('/agent')).statusCode).toBe(302);
      const activation = await client.get('/agent/double-facteur/activation');
      const secret = /id="secret-totp">([A-Z2-7 ]+)</.exec(activation.body)![1]!.replaceAll(' ', '');
      expect((await client.post('/agent/double-facteur/activation', { code: codeTotp(secret, new Date()) })).body).toContain('Notez vos codes de secours');
      const home = await client.get('/agent');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Alice Administratrice');
      expect((await client.get('/admin/agents')).statusCode).toBe(200);
    } finally {
      await built.app.close();
    }
  });

  it('refuses a weak password with a French message and a failure exit code', { timeout: 180_000 }, async () => {
    target = await freshTarget();
    const email = `admin.${randomUUID().slice(0, 8)}@prefecture.exemple.fr`;
    const run = await runCli(['creer-admin', '--email', email, '--nom', 'Alice Administratrice'], { ...target.env, ADMIN_PASSWORD: 'trop court' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Le mot de passe doit contenir au moins 16 caractères.');
    expect(run.stdout).not.toContain('Administrateur créé');
    expect(run.stderr).not.toMatch(/\bat .+\.(ts|js):\d+/);
    // Refused before anything was opened: the embedded database was not even created.
    if (target.env.DATA_DIR) expect(fs.readdirSync(target.env.DATA_DIR)).toEqual([]);

    const built = await openApp(target);
    try {
      const login = await new TestClient(built.app).submit('/agent/connexion', '/agent/connexion', { email, password: 'trop court' });
      expect(login.statusCode).toBe(401);
    } finally {
      await built.app.close();
    }
  });
});
