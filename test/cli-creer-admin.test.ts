import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { dropSchema, TEST_DATABASE_URL, testConfig } from '../src/kernel/testing/test-app.ts';
import { TestClient } from '../src/kernel/testing/test-client.ts';

// No default credentials: the first admin comes from the command line. This runs the real
// command in its own process, then opens the same database with the app and signs in
// through the form, the way the operator does after installing.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const STRONG_PASSWORD = 'une longue phrase de passe pour la première administratrice';

interface Target {
  /** The variables that point the CLI (and the app) at the database. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A fresh database for one run: a PGlite folder, or a schema of its own on the PostgreSQL server. */
async function freshTarget(): Promise<Target> {
  if (TEST_DATABASE_URL) {
    const schema = `t_cli_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    return { env: { DATABASE_URL: url.toString() }, cleanup: () => dropSchema(TEST_DATABASE_URL!, schema) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-cli-'));
  return { env: { DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      // A clean environment: only what the command is meant to read.
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NODE_ENV: 'test', LOG_LEVEL: 'silent', TILE_URL: 'aucun', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

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
      expect(login.headers.location).toBe('/agent');
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
