import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Beyond the recommended rules, this file holds the architecture's one-way dependencies (docs/decisions/001).
export default tseslint.config(
  {
    ignores: ['build/**', 'node_modules/**', 'data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // app/ reaches the backend only through the Remix load context: types yes, code never. The exceptions are pure
    // modules with no I/O that state one rule for both sides: the client half of the realtime contract
    // (realtime/seq-tracker.ts), services/text, the failure-to-HTTP mapping (services/outcome: statusFor) and the
    // permission vocabulary (services/permissions: loaders turn it into `can` flags), so no route re-derives them.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db/**',
                '**/db',
                '**/services/**',
                '**/server/**',
                '**/realtime/**',
                '!**/realtime/seq-tracker',
                '!**/services/text',
                '!**/services/outcome',
                '!**/services/permissions',
                '**/matching/**',
              ],
              allowTypeImports: true,
              message: 'app/ gets the backend from the load context; import types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The matching engine is pure: nothing of ours, no I/O.
    files: ['matching/**/*.ts'],
    ignores: ['matching/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db/**',
                '**/services/**',
                '**/server/**',
                '**/realtime/**',
                '**/app/**',
                '../../*',
                'node:*',
                'fs',
                'path',
                'http',
              ],
              message: 'matching/ is pure: no imports from outside itself and no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    // Services never depend on transports.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/server/**', '**/realtime/**'],
              message: 'services/ does not depend on transports (app, server, realtime).',
            },
          ],
        },
      ],
    },
  },
  {
    // db/ is storage (schema, migrations, client, reference data) and knows no use case: nothing from services/ or the
    // matching engine, not even types. Command-line entry points that run use cases live in server/cli/.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', '**/services', '**/matching/**', '**/app/**', '**/server/**', '**/realtime/**'],
              message: 'db/ knows no use case or transport; a command that runs services belongs in server/cli/.',
            },
          ],
        },
      ],
    },
  },
);
