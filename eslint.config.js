import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import ts from 'typescript';

// Dependency direction is part of the architecture, so it is checked, not just described
// (test/architecture-lint.test.ts proves each check fires):
// - the kernel never imports features;
// - a feature reaches another only through its index.ts, from any depth of sub-folder;
// - only repositories use the database: the db module's values (`tables`, `openDatabase`…),
//   kysely's values (`sql`…) and the query builder's entry points (`selectFrom`…); other
//   modules receive a `Db` handle only as a type, to pass it on;
// - only the config module reads process.env.
// Imports are resolved against the importing file, so `../x` means the same thing in
// `src/features/timbre/` and in `src/features/timbre/livraison/`.

/** Tests, their helpers and the benchmark harness set up databases and environments themselves. */
const isTestOrTool = (file) => /\.test\.tsx?$/.test(file) || file.startsWith('test/') || file.startsWith('bench/') || file.startsWith('src/kernel/testing/');
const isRepository = (file) => /-repository\.tsx?$/.test(file);
const DB_MODULES = new Set(['src/kernel/db/database.ts', 'src/kernel/db/pglite-dialect.ts']);
// Modules that hold SQL without the -repository suffix. Each is a debt: rename it or move
// its queries into a repository, then remove it from this list.
const DB_NAMED_EXCEPTIONS = new Set(['src/kernel/http/rate-limit.ts']);
/** May run queries: repositories, the db module itself (migrator, transactions), tests and tools. */
const mayQuery = (file) => isRepository(file) || file.startsWith('src/kernel/db/') || isTestOrTool(file) || DB_NAMED_EXCEPTIONS.has(file);
/** May open the database or build a handle: the above, plus the two entry points that compose the app. */
const mayOpenDb = (file) => mayQuery(file) || file === 'src/app.ts' || file === 'src/cli.ts';
const mayReadEnv = (file) => file.startsWith('src/kernel/config/') || isTestOrTool(file);
const PROCESS_MODULES = new Set(['process', 'node:process']);
const QUERY_ENTRY_POINTS = new Set(['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto']);

const MESSAGES = {
  kernelImportsFeature: 'Le noyau ne dépend jamais d’une fonctionnalité ({{target}}).',
  featureInternals: 'Une fonctionnalité en utilise une autre uniquement par son index.ts : importez src/features/{{feature}}/index.ts, pas {{target}}.',
  dbModule: 'Seuls les dépôts (*-repository.ts) accèdent à la base de données : {{target}} ne s’importe ici que comme type (import type).',
  kysely: 'Seuls les dépôts (*-repository.ts) écrivent du SQL : pas de valeur de kysely ({{names}}) ici, seulement des types.',
  query: 'Seuls les dépôts (*-repository.ts) interrogent la base : déplacez cet appel à {{method}}() dans un dépôt.',
  processEnv: 'Lire la configuration via src/kernel/config (seul module qui lit process.env).',
  processModule: 'Seul src/kernel/config lit process.env : de node:process, importez ici des noms précis (argv, exit…), ni env ni le module entier.',
};

const architecture = {
  meta: { type: 'problem', schema: [], messages: MESSAGES, docs: { description: 'Sens des dépendances entre noyau, fonctionnalités et base de données.' } },
  create(context) {
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    if (file.startsWith('..')) return {};
    const inKernel = file.startsWith('src/kernel/') && !file.startsWith('src/kernel/testing/');
    const ownFeature = /^src\/features\/([^/]+)\//.exec(file)?.[1];

    function resolve(specifier) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
      return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    }

    /** `names` are the imported names, or undefined when the whole module is taken (side effect, namespace, dynamic import). */
    function check(node, specifier, typeOnly, names) {
      if (PROCESS_MODULES.has(specifier) && !mayReadEnv(file) && (names === undefined || names.includes('env') || names.includes('default'))) {
        context.report({ node, messageId: 'processModule' });
      }
      if (specifier === 'kysely' && !typeOnly && !mayQuery(file)) {
        context.report({ node, messageId: 'kysely', data: { names: names?.join(', ') ?? '*' } });
      }
      const target = resolve(specifier);
      if (!target) return;
      if (inKernel && target.startsWith('src/features/')) context.report({ node, messageId: 'kernelImportsFeature', data: { target } });
      const feature = /^src\/features\/([^/]+)(?:\/(.*))?$/.exec(target);
      if (ownFeature && feature && feature[1] !== ownFeature && !/^index\.tsx?$/.test(feature[2] ?? '')) {
        context.report({ node, messageId: 'featureInternals', data: { feature: feature[1], target } });
      }
      if (DB_MODULES.has(target) && !typeOnly && !mayOpenDb(file)) context.report({ node, messageId: 'dbModule', data: { target } });
    }

    const valueNames = (specifiers, kindKey) =>
      specifiers.filter((s) => s[kindKey] !== 'type').map((s) => (s.type === 'ImportSpecifier' || s.type === 'ExportSpecifier' ? (s.imported ?? s.local).name ?? (s.imported ?? s.local).value : 'default'));

    return {
      ImportDeclaration(node) {
        const namespace = node.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier');
        const names = valueNames(node.specifiers, 'importKind');
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && names.length === 0);
        check(node, node.source.value, typeOnly, node.specifiers.length === 0 || namespace ? undefined : names);
      },
      ExportNamedDeclaration(node) {
        if (!node.source) return;
        const names = valueNames(node.specifiers, 'exportKind');
        check(node, node.source.value, node.exportKind === 'type' || names.length === 0, names);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type', undefined);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false, undefined);
      },
      // `globalThis.process.env`, `global.process.env` (plain `process.env` is no-restricted-properties' job).
      'MemberExpression[object.type="MemberExpression"][object.property.name="process"]'(node) {
        const property = node.computed ? node.property.value : node.property.name;
        if (property === 'env' && !mayReadEnv(file)) context.report({ node, messageId: 'processEnv' });
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || !QUERY_ENTRY_POINTS.has(callee.property.name)) return;
        if (!mayQuery(file)) context.report({ node, messageId: 'query', data: { method: callee.property.name } });
      },
    };
  },
};


/**
 * `await` on a promise whose value is always undefined, with that value then used: the
 * « Mon compte » password re-check hole. A helper returned `reply.page(…)` from an async
 * function; a Fastify reply is a thenable that resolves to undefined once sent, so TypeScript
 * types the helper as `Promise<undefined>` and `const refused = await check(); if (refused)…`
 * never refused. A helper that may answer returns what to answer; the route sends it.
 * Needs type information (typescript-eslint's project service).
 */
const USES_VALUE = new Set(['VariableDeclarator', 'AssignmentExpression', 'IfStatement', 'ConditionalExpression', 'LogicalExpression', 'UnaryExpression', 'BinaryExpression', 'Property', 'ArrayExpression', 'CallExpression', 'TemplateLiteral', 'MemberExpression']);
const noUndefinedAwait = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { undefinedAwait: 'Cette promesse vaut toujours undefined (une réponse Fastify envoyée, par exemple) : son résultat ne peut rien décider. Renvoyez ce qu’il faut répondre et laissez la route l’envoyer.' },
    docs: { description: 'Interdit d’utiliser la valeur d’un await dont le résultat est toujours undefined.' },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) return {};
    const checker = services.program.getTypeChecker();
    const alwaysUndefined = (type) => (type.isUnion() ? type.types.every(alwaysUndefined) : (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0);
    return {
      AwaitExpression(node) {
        if (!USES_VALUE.has(node.parent.type)) return;
        const type = services.getTypeAtLocation(node.argument);
        if (type.getSymbol()?.getName() !== 'Promise') return;
        const [value] = checker.getTypeArguments(type);
        if (value && alwaysUndefined(value)) context.report({ node, messageId: 'undefinedAwait' });
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  // Type-checked rules (floating and misused promises, awaiting non-promises, async without
  // await…) on the whole code base: a promise misused is a security hole here, not a style.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { guichet: { rules: { architecture, 'no-undefined-await': noUndefinedAwait } } },
    rules: {
      'guichet/no-undefined-await': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'guichet/architecture': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: MESSAGES.processEnv }],
    },
  },
  {
    files: ['src/kernel/config/**', 'test/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx', 'src/kernel/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests and benches read JSON answers and poke at objects: the « unsafe any » family would
    // only add casts there. The promise rules stay on.
    files: ['test/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx', 'src/kernel/testing/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
