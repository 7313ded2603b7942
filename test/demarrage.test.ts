import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeTotp } from '../src/kernel/auth/totp.ts';
import { freshTarget, HttpClient, ROOT, runCli, startMain, type RunningMain, type Target } from './support/processus.ts';

// What the README's quick start promises, as an operator lives it: the real `src/main.ts`
// (what `npm start` runs) on an empty database answers with the DSFR page shell and /sante,
// the first admin (from the CLI) signs in over HTTP and creates an agent, and after a
// restart everything is still there. On PGlite that is the data folder; with DATABASE_URL,
// a schema of its own on the PostgreSQL server.
const ADMIN_PASSWORD = 'une longue phrase de passe pour la première administratrice';
const EXPECTED_DATABASE = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
const MIGRATIONS = fs.readdirSync(path.join(ROOT, 'migrations')).filter((f) => f.endsWith('.sql')).length;

describe('npm start on an empty database, then a restart', () => {
  let target: Target | undefined;
  let running: RunningMain | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await target?.cleanup();
    target = undefined;
  });

  it('serves the DSFR home page and /sante, lets the CLI’s admin create an agent, and keeps it all across a restart', { timeout: 300_000 }, async () => {
    target = await freshTarget();
    running = await startMain(target.env);
    let client = new HttpClient(running.origin);

    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('class="fr-header"');
    expect(home.body).toMatch(/République\s*(<br\s*\/?>)?\s*française/);
    expect(home.body).toContain('Site de démonstration — aucune démarche réelle n');
    expect(home.body).toMatch(/href="\/dsfr\/[^"]*dsfr[^"]*\.css"/);
    // Anyone gets the status alone; the details are read below by the signed-in admin.
    expect(JSON.parse((await client.get('/sante')).body)).toEqual({ status: 'ok' });
    // The Dordogne reference data is there from the first start.
    expect((await client.get('/ou')).body).toContain('Mairie de Thiviers');

    // The first admin comes from the command line. On PGlite the running app holds the
    // folder: the command is refused with a clear message until it stops.
    if (target.env.DATA_DIR) {
      const locked = await runCli(['creer-admin', '--email', 'alice.martin@prefecture.exemple.fr', '--nom', 'Alice Martin'], { ...target.env, ADMIN_PASSWORD });
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain('est déjà utilisé par un autre processus');
      expect(await running.stop()).toBe(0);
      running = undefined;
    }
    const created = await runCli(['creer-admin', '--email', 'alice.martin@prefecture.exemple.fr', '--nom', 'Alice Martin'], { ...target.env, ADMIN_PASSWORD });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    running ??= await startMain(target.env);
    client = new HttpClient(running.origin);

    // An admin's password alone opens no session: the first sign-in enrolls the second factor.
    const signIn = await client.submit('/agent/connexion', '/agent/connexion', { email: 'alice.martin@prefecture.exemple.fr', password: ADMIN_PASSWORD });
    expect(signIn).toMatchObject({ status: 303, location: '/agent/double-facteur/activation' });
    expect((await client.get('/admin/agents')).status).toBe(302);
    const activation = await client.get('/agent/double-facteur/activation');
    expect(activation.body).toContain('data:image/png;base64,');
    const secret = /id="secret-totp">([A-Z2-7 ]+)</.exec(activation.body)![1]!.replaceAll(' ', '');
    const active = await client.submit('/agent/double-facteur/activation', '/agent/double-facteur/activation', { code: codeTotp(secret, new Date()) });
    const [codeDeSecours] = [...active.body.matchAll(/<code>([A-Z0-9]{4}-[A-Z0-9]{4})<\/code>/g)].map((m) => m[1]!);
    expect(codeDeSecours).toBeDefined();
    const agent = await client.submit('/admin/agents', '/admin/agents', { nom: 'Bruno Périgord', email: 'bruno.perigord@mairie.exemple.fr', role: 'agent_mairie', commune: '24322', departement: '' });
    expect(agent.status).toBe(303);

    // Restart: a service manager's SIGTERM, then a new process on the same database.
    expect(await running.stop()).toBe(0);
    running = await startMain(target.env);
    client = new HttpClient(running.origin);
    expect((await client.submit('/agent/connexion', '/agent/connexion', { email: 'alice.martin@prefecture.exemple.fr', password: ADMIN_PASSWORD })).location).toBe('/agent/connexion/code');
    // The code from the phone may be the one just used (same 30 seconds): a recovery code opens the session once.
    expect((await client.submit('/agent/connexion/code', '/agent/connexion/code', { code: codeDeSecours! })).location).toBe('/agent');
    const agents = await client.get('/admin/agents');
    expect(agents.status).toBe(200);
    expect(agents.body).toContain('bruno.perigord@mairie.exemple.fr');
    expect(agents.body).toContain('Périgueux');
    expect(JSON.parse((await client.get('/sante')).body)).toMatchObject({ database: EXPECTED_DATABASE, migrations: { applied: MIGRATIONS } });
    // Nothing personal in what the process printed.
    expect(running.output()).not.toContain('bruno.perigord');
    expect(running.output()).not.toContain(ADMIN_PASSWORD);
  });
});
