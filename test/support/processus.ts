// The platform as an operator runs it: real processes (`src/cli.ts`, `src/main.ts`) on a
// fresh database — a PGlite folder, or a schema of its own on the PostgreSQL server when
// DATABASE_URL is set — with a clean environment holding only what they are meant to read.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dropSchema, TEST_DATABASE_URL } from '../../src/kernel/testing/test-app.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

export interface Target {
  /** The variables that point the CLI (and the app) at the database. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A fresh database for one run: a PGlite folder, or a schema of its own on the PostgreSQL server. */
export async function freshTarget(): Promise<Target> {
  if (TEST_DATABASE_URL) {
    const schema = `t_proc_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    return { env: { DATABASE_URL: url.toString() }, cleanup: () => dropSchema(TEST_DATABASE_URL!, schema) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-proc-'));
  return { env: { DATA_DIR: dataDir }, cleanup: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })) };
}

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NODE_ENV: 'test', TILE_URL: 'aucun', ...env };
}

export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(NODE, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: cleanEnv({ LOG_LEVEL: 'silent', ...env }) }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

export interface RunningMain {
  origin: string;
  output(): string;
  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a power cut or the OOM killer ends it: nothing runs after. */
  kill(): Promise<void>;
}

/** Starts `src/main.ts` on a free port and resolves once it listens. */
export function startMain(env: Record<string, string>, timeoutMs = 120_000): Promise<RunningMain> {
  const child: ChildProcess = spawn(NODE, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }) });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`src/main.ts n’a pas démarré en ${timeoutMs} ms :\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve({
          origin: listening[1]!,
          output: () => output,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`src/main.ts s’est arrêté (code ${code}) :\n${output}`));
    });
  });
}

/** A browser-like client over real HTTP: keeps cookies, sends forms with their anti-CSRF token. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly origin: string) {}

  async get(pathname: string): Promise<{ status: number; body: string; headers: Headers }> {
    const response = await fetch(this.origin + pathname, { redirect: 'manual', headers: this.cookieHeader() });
    this.keep(response);
    return { status: response.status, body: await response.text(), headers: response.headers };
  }

  /** Opens the page holding the form, then posts the fields with the page's `_csrf` token. */
  async submit(formPage: string, action: string, fields: Record<string, string>): Promise<{ status: number; location: string | null; body: string }> {
    const page = await this.get(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`pas de jeton anti-CSRF sur ${formPage}`);
    const response = await fetch(this.origin + action, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
    });
    this.keep(response);
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
