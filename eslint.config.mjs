// Lint holds the shape (shared/style.md): each folder imports only what its runtime can load.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const electronOnly = {
  name: 'electron',
  message: 'Only src/main and src/preload may import electron: the core runs under plain Node.',
}
const nodeBuiltins = {
  group: ['node:*'],
  message: 'This folder runs in the browser or anywhere: no Node built-ins.',
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'build/**',
      '.tools/**',
      'bench/results/**',
      'scripts/security/node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**'],
              message: 'shared may import only zod and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnly,
            { name: 'electron-store', message: 'electron-store imports electron; the core uses conf.' },
          ],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'The core and the CLI may not depend on the app or the window.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/core/**', '**/main/**', '**/cli/**'],
              message: 'The renderer reaches the core only through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/ipc-bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'Raw ipcMain only in src/main/ipc-bridge.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/contract/calls*', '**/core/**', 'zod'],
              message: 'The sandboxed preload imports only electron and the call names.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron.vite.config.ts', 'vitest.config.mts', 'bench/vitest.config.mts', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'bench/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
)
