import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layout rules of eslint.config.js, run through ESLint's own API on snippets placed at
// virtual paths: each rule must fire where the architecture forbids, and stay silent on
// code that follows it (else `npm run lint` would be a wall nobody reads).

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The layout rules read no types: the snippets' virtual paths need no TypeScript project.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: { ...tseslint.configs.disableTypeChecked, files: ['**/*.ts', '**/*.tsx'] } });

async function problems(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId}:${message.messageId ?? message.message}`);
}

const ARCHITECTURE = 'guichet/architecture';
const PROCESS_ENV = 'no-restricted-properties:restrictedObjectProperty';

describe('layout rules (eslint.config.js)', () => {
  it.each([
    ['a sub-folder of a feature reaches into another feature', 'src/features/timbre/livraison/x.ts', `import { a } from '../../comptes/internal.ts';\nexport const b = a;`, `${ARCHITECTURE}:featureInternals`],
    ['a deeper sub-folder does the same', 'src/features/timbre/livraison/pdf/x.ts', `import { a } from '../../../comptes/sous-dossier/y.ts';\nexport const b = a;`, `${ARCHITECTURE}:featureInternals`],
    ['a top-level file reaches into another feature', 'src/features/timbre/x.ts', `import { a } from '../comptes/comptes-service.ts';\nexport const b = a;`, `${ARCHITECTURE}:featureInternals`],
    ['a re-export of another feature’s internals', 'src/features/timbre/livraison/x.ts', `export { a } from '../../comptes/internal.ts';`, `${ARCHITECTURE}:featureInternals`],
    ['a dynamic import of another feature’s internals', 'src/features/timbre/livraison/x.ts', `export const m = await import('../../comptes/internal.ts');`, `${ARCHITECTURE}:featureInternals`],
    ['the kernel imports a feature, even through its index.ts', 'src/kernel/http/x.ts', `import { a } from '../../features/comptes/index.ts';\nexport const b = a;`, `${ARCHITECTURE}:kernelImportsFeature`],
    ['the kernel imports a feature’s type', 'src/kernel/x.ts', `import type { A } from '../features/comptes/index.ts';\nexport type B = A;`, `${ARCHITECTURE}:kernelImportsFeature`],
    ['a service imports a value of the db module', 'src/features/timbre/x-service.ts', `import { tables } from '../../kernel/db/database.ts';\nexport const t = tables;`, `${ARCHITECTURE}:dbModule`],
    ['a kernel module (not a repository) opens the database', 'src/kernel/auth/x.ts', `import { openDatabase } from '../db/database.ts';\nexport const o = openDatabase;`, `${ARCHITECTURE}:dbModule`],
    ['a service imports the PGlite dialect', 'src/features/timbre/x-service.ts', `import { PgliteDialect } from '../../kernel/db/pglite-dialect.ts';\nexport const d = PgliteDialect;`, `${ARCHITECTURE}:dbModule`],
    ['a service writes SQL with kysely’s sql', 'src/features/timbre/x-service.ts', `import { sql } from 'kysely';\nexport const q = sql\`select 1\`;`, `${ARCHITECTURE}:kysely`],
    ['a route queries the handle it was given', 'src/features/timbre/routes.ts', `import type { Db } from '../../kernel/db/database.ts';\nexport const f = (db: Db) => db.selectFrom('t').selectAll().execute();`, `${ARCHITECTURE}:query`],
    ['a service updates through the handle', 'src/kernel/notifications/x-service.ts', `import type { Db } from '../db/database.ts';\nexport const f = (db: Db) => db.updateTable('t').set({ a: 1 }).execute();`, `${ARCHITECTURE}:query`],
    ['process.env is read outside the config module', 'src/features/timbre/x.ts', `export const port = process.env.PORT;`, PROCESS_ENV],
    ['process.env is destructured', 'src/kernel/http/x.ts', `const { env } = process;\nexport const port = env.PORT;`, PROCESS_ENV],
    ['env is imported from node:process', 'src/kernel/http/x.ts', `import { env } from 'node:process';\nexport const port = env.PORT;`, `${ARCHITECTURE}:processModule`],
    ['the whole process module is imported', 'src/features/timbre/x.ts', `import * as p from 'process';\nexport const port = p.env.PORT;`, `${ARCHITECTURE}:processModule`],
    ['process is imported under another name', 'src/main.ts', `import proc from 'node:process';\nexport const port = proc.env.PORT;`, `${ARCHITECTURE}:processModule`],
    ['process.env is reached through globalThis', 'src/features/timbre/x.ts', `export const port = globalThis.process.env.PORT;`, `${ARCHITECTURE}:processEnv`],
  ])('refuses: %s', async (_case, file, code, expected) => {
    expect(await problems(file, code)).toEqual([expected]);
  });

  it('says in French what to do instead', async () => {
    const [result] = await eslint.lintText(`import { a } from '../../comptes/internal.ts';\nexport const b = a;`, {
      filePath: path.join(ROOT, 'src/features/timbre/livraison/x.ts'),
    });
    expect(result?.messages[0]?.message).toBe(
      'Une fonctionnalité en utilise une autre uniquement par son index.ts : importez src/features/comptes/index.ts, pas src/features/comptes/internal.ts.',
    );
  });

  it.each([
    [
      'a feature sub-folder using its own feature, another feature’s index.ts, the kernel and types',
      'src/features/timbre/livraison/x.ts',
      [
        `import { a } from '../../comptes/index.ts';`,
        `import { b } from '../contenu.ts';`,
        `import { c } from '../paiement/sandbox.ts';`,
        `import { d } from './voisin.ts';`,
        `import { e } from '../../../kernel/views/page.tsx';`,
        `import type { Db } from '../../../kernel/db/database.ts';`,
        `import { type InTransaction } from '../../../kernel/db/transactions.ts';`,
        `import type { Kysely } from 'kysely';`,
        `import { argv } from 'node:process';`,
        `export const x = [a, b, c, d, e, argv];`,
        `export type T = [Db, InTransaction, Kysely<unknown>];`,
      ].join('\n'),
    ],
    [
      'a repository writing SQL',
      'src/features/timbre/paiement/sandbox-repository.ts',
      [
        `import { sql } from 'kysely';`,
        `import { tables, type Db } from '../../../kernel/db/database.ts';`,
        `export const q = (db: Db) => tables<{ t: { a: number } }>(db).selectFrom('t').select(sql<number>\`1\`.as('x')).execute();`,
      ].join('\n'),
    ],
    ['the config module reading the environment', 'src/kernel/config/config.ts', `import { env } from 'node:process';\nexport const a = [process.env.PORT, env.HOST];`],
    ['the composition root opening the database', 'src/app.ts', `import { openDatabase } from './kernel/db/database.ts';\nexport const o = openDatabase;`],
    ['a test setting up its own database', 'src/features/timbre/x.test.ts', `import { sql } from 'kysely';\nimport { openDatabase } from '../../kernel/db/database.ts';\nexport const a = [sql, openDatabase, process.env.DATABASE_URL];`],
  ])('accepts: %s', async (_case, file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

// Type-checked rules need a TypeScript program: snippets are placed in a folder outside
// tsconfig.json's include, checked with the project's own compiler options.
const typed = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['lint-fixture/*.tsx'], defaultProject: 'tsconfig.json' }, tsconfigRootDir: ROOT } },
  },
});

async function typedProblems(code: string) {
  const [result] = await typed.lintText(code, { filePath: path.join(ROOT, 'lint-fixture/routes.tsx') });
  return (result?.messages ?? []).map((message) => `${message.ruleId}:${message.messageId ?? message.message}`);
}

describe('promise rules (type-checked)', () => {
  const helper = `import type { FastifyReply } from 'fastify';
async function verifier(reply: FastifyReply, ok: boolean) {
  await Promise.resolve();
  if (ok) return undefined;
  return reply.status(400).send('Mot de passe incorrect.');
}
`;
  it('refuses the « Mon compte » hole: using the awaited value of a helper that sends the reply', async () => {
    const code = `${helper}export async function route(reply: FastifyReply) {
  const refused = await verifier(reply, false);
  if (refused) return refused;
  return reply.send('fait');
}
`;
    expect(await typedProblems(code)).toEqual(['guichet/no-undefined-await:undefinedAwait']);
  });

  it('refuses a floating promise and an await on a plain value', async () => {
    const code = `export async function f(g: () => Promise<void>) {
  g();
  await 3;
}
`;
    expect(await typedProblems(code)).toEqual(['@typescript-eslint/no-floating-promises:floatingVoid', '@typescript-eslint/await-thenable:await']);
  });

  it('accepts a helper that returns what to answer, sent by the route', async () => {
    const code = `import type { FastifyReply } from 'fastify';
async function refus(ok: boolean): Promise<string | null> {
  await Promise.resolve();
  return ok ? null : 'Mot de passe incorrect.';
}
export async function route(reply: FastifyReply) {
  const message = await refus(false);
  if (message) return reply.status(400).send(message);
  await reply.send('fait');
  return reply;
}
`;
    expect(await typedProblems(code)).toEqual([]);
  });
});
