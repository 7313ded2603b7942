import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { DataDirLockedError, LOCK_INFO_FILE, lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrator.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
// The pinned Node 22 (the system one may be older), as every npm script uses it.
const NODE = path.join(ROOT, 'node_modules/.bin/node');

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-data-'));
}

describe('embedded database folder', () => {
  it('refuses a second opener of the same folder with a clear message', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`Le dossier de données ${dir} est déjà utilisé par un autre processus (pid ${process.pid} sur ${os.hostname()}`);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('takes over at once an information file left by a process that died', async () => {
    const dir = tempDir();
    const info = path.join(dir, LOCK_INFO_FILE);
    // Same host, a pid that cannot be alive — or, after a container restart, our own pid.
    for (const pid of [2 ** 22 + 12345, process.pid]) {
      fs.writeFileSync(info, JSON.stringify({ pid, host: os.hostname(), since: 'hier' }));
      const lock = await lockDataDir(dir);
      expect(JSON.parse(fs.readFileSync(info, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
      lock.release();
      expect(fs.existsSync(info)).toBe(false);
    }
  });

  it.runIf(process.platform === 'linux')('respects a holder written on another host, whose socket it cannot see, and says how to clear it', async () => {
    const dir = tempDir();
    const info = path.join(dir, LOCK_INFO_FILE);
    fs.writeFileSync(info, JSON.stringify({ pid: 42, host: 'autre-conteneur', since: '2026-01-01T00:00:00.000Z' }));
    await expect(lockDataDir(dir)).rejects.toThrow(`(pid 42 sur autre-conteneur depuis 2026-01-01T00:00:00.000Z)`);
    await expect(lockDataDir(dir)).rejects.toThrow(`supprimez le fichier ${info}`);
    // Refusing must not leave the folder locked by us.
    fs.rmSync(info);
    const lock = await lockDataDir(dir);
    lock.release();
  });

  it.runIf(process.platform === 'linux')('never takes an unreadable information file for a stale one: it may be another container’s, half read', async () => {
    const dir = tempDir();
    const info = path.join(dir, LOCK_INFO_FILE);
    for (const content of ['', '{"pid": 42, "ho']) {
      fs.writeFileSync(info, content);
      await expect(lockDataDir(dir)).rejects.toThrow(`processus inconnu`);
      await expect(lockDataDir(dir)).rejects.toThrow(`supprimez le fichier ${info}`);
      expect(fs.readFileSync(info, 'utf8')).toBe(content);
    }
    expect(fs.readdirSync(dir)).toEqual([LOCK_INFO_FILE]);
  });

  it('lets exactly one of many simultaneous starters win over a stale information file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_INFO_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'hier' }));
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dir)));
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const attempt of attempts) if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(DataDirLockedError);
    won[0]?.value.release();
  });

  it.runIf(process.platform === 'linux')('is the same lock whatever path leads to the folder', async () => {
    const dir = tempDir();
    const alias = `${dir}-lien`;
    fs.symlinkSync(dir, alias);
    const lock = await lockDataDir(dir);
    try {
      await expect(lockDataDir(alias)).rejects.toThrow(DataDirLockedError);
      await expect(lockDataDir(path.join(dir, '.'))).rejects.toThrow(DataDirLockedError);
    } finally {
      lock.release();
    }
  });

  describe.runIf(process.platform === 'linux')('held by another process', () => {
    const children: ChildProcess[] = [];
    afterEach(() => {
      for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });

    function spawnNode(args: string[], env: NodeJS.ProcessEnv) {
      const child = spawn(NODE, ['--import', 'tsx', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
      );
      const printed = (text: string) =>
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (stdout.includes(text)) resolve();
          };
          child.stdout.on('data', check);
          void exited.then((end) => reject(new Error(`le processus est sorti (${end.code ?? end.signal}) : ${end.stderr}`)));
          check();
        });
      return { child, exited, printed };
    }

    /** A child that takes the lock through the real module, says so, then waits to be killed. */
    function holderProcess(dir: string) {
      const code = [
        `const { lockDataDir } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/kernel/db/data-dir-lock.ts')).href)});`,
        `await lockDataDir(process.env.LOCK_DIR);`,
        `process.stdout.write('verrou pris\\n');`,
        `setInterval(() => {}, 1 << 30);`,
      ].join('\n');
      return spawnNode(['--input-type=module', '-e', code], { ...process.env, LOCK_DIR: dir });
    }

    it('refuses the folder while the holder lives, and frees it the moment the holder is killed -9', async () => {
      const dir = tempDir();
      const holder = holderProcess(dir);
      await holder.printed('verrou pris');
      await expect(lockDataDir(dir)).rejects.toThrow(`déjà utilisé par un autre processus (pid ${holder.child.pid} sur ${os.hostname()}`);

      holder.child.kill('SIGKILL');
      expect((await holder.exited).signal).toBe('SIGKILL');
      // No waiting, no stale-lock detection: the kernel gave the name back at death.
      const lock = await lockDataDir(dir);
      expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_INFO_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
      lock.release();
    });

    it('makes src/main.ts exit with code 1 and the French message alone, without a stack trace', async () => {
      const dir = tempDir();
      const lock = await lockDataDir(dir);
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir };
        delete env.DATABASE_URL;
        const main = spawnNode([path.join(ROOT, 'src/main.ts')], env);
        const end = await main.exited;
        expect(end.code).toBe(1);
        expect(end.stderr.trim()).toBe(
          `Le dossier de données ${dir} est déjà utilisé par un autre processus (pid ${process.pid} sur ${os.hostname()} depuis ${
            JSON.parse(fs.readFileSync(path.join(dir, LOCK_INFO_FILE), 'utf8')).since
          }). Arrêtez-le avant de relancer, ou utilisez un autre DATA_DIR. Pour plusieurs instances, utilisez un serveur PostgreSQL (DATABASE_URL).`,
        );
        expect(end.stderr).not.toMatch(/\n\s+at /);
      } finally {
        lock.release();
      }
    });
  });

  it('keeps data across a restart', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await migrate(first.db);
    await sql`insert into app_secrets (name, value) values ('temoin', 'persiste')`.execute(first.db);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    try {
      const rows = await sql<{ value: string }>`select value from app_secrets where name = 'temoin'`.execute(second.db);
      expect(rows.rows[0]?.value).toBe('persiste');
    } finally {
      await second.close();
    }
  });
});
