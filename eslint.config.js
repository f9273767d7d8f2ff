import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Boundaries from ../shared/spec/STYLE.md §5: shared/ runs anywhere, renderer/ never reaches into
// core/ or main/, core/ never imports electron or react.
const nodeBuiltins = { group: ['node:*'], message: 'shared/ and renderer/ run without Node.' };
const electron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron, { name: 'react', message: 'shared/ has no UI.' }], patterns: [nodeBuiltins] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/core/**', '**/main/**', '**/cli/**', '**/web/**'],
              message: 'The renderer talks to main only through the contract (window.smms.call).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/web/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'react', message: 'core/ has no UI.' }],
          patterns: [{ group: ['**/renderer/**', '**/main/**'], message: 'core/ is below the shells.' }],
        },
      ],
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      // Migrations take Kysely<any> by design (Kysely docs): they must not depend on today's types.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**'], message: 'Migrations are frozen and never import application code.' },
          ],
        },
      ],
    },
  },
);
