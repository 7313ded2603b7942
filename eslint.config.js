import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Dependency direction is part of the architecture, so it is checked, not just described:
// the kernel never imports features; a feature reaches another only through its index.ts;
// only the config module reads process.env.
export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Lire la configuration via src/kernel/config.' }],
    },
  },
  {
    files: ['src/kernel/config/**', 'test/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx', 'src/kernel/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/kernel/**'],
    ignores: ['src/kernel/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/**'], message: 'Le noyau ne dépend jamais d’une fonctionnalité.' }] }],
    },
  },
  {
    files: ['src/features/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$).+',
              message: 'Une fonctionnalité en utilise une autre uniquement par son index.ts.',
            },
            {
              regex: '^(\\.\\./)+kernel/db/(database|pglite-dialect)\\.ts$',
              allowTypeImports: true,
              message: 'Seuls les dépôts (*-repository.ts) accèdent à la base de données.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*-repository.ts', 'src/features/**/*.test.ts', 'src/features/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$).+', message: 'Une fonctionnalité en utilise une autre uniquement par son index.ts.' }] },
      ],
    },
  },
);
