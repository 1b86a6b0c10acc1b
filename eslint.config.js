import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'http',
  'url',
  'stream',
  'buffer',
  'util',
  'zlib',
  'net',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-electron',
      'dist-node',
      'release',
      'test-results',
      'playwright-report',
      'bin',
      'scripts/**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // shared/ is pure: it runs in the renderer, in main and in the CLI alike.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins,
            'electron',
            'react',
            'react-dom',
            '../electron/*',
            '../renderer/*',
            '../../electron/*',
            '../../renderer/*',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    // renderer/ runs in a sandboxed page: DOM only.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeBuiltins, 'electron', 'better-sqlite3', 'pdfkit', '../../electron/*'] },
      ],
    },
  },
  {
    // Only the Electron shell may import electron; the core must run under plain Node.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/security.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  // The layer rule in the editor (docs/architecture.md): shared/ <- electron/platform/ <-
  // features (electron/<feature>/) <- hosts (electron/core, cli, web, main/preload/security).
  // test/unit/layers.test.ts checks the same on resolved paths, and the circles.
  {
    files: ['electron/*/**/*.ts'],
    ignores: ['electron/{core,cli,web,platform}/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            {
              regex: '^(\\.\\./)+((core|cli|web)/|(main|preload|security|security-policy)$)',
              message: 'A feature never imports a host (core, cli, web, the Electron shell).',
            },
            {
              // check/ replays every feature (minutes and followup among them): a feature that
              // imported it would close a circle. The core hands the check in (minutes/seal.ts).
              regex: '^(\\.\\./)+check/',
              message:
                'check/ sits above the features whose replays it runs; take the check from the core.',
            },
          ],
        },
      ],
    },
  },
  ...[
    ['electron/platform/*.ts', '^\\.\\./(?!\\.\\./shared/)'],
    ['electron/platform/*/*.ts', '^\\.\\./\\.\\./(?!\\.\\./shared/)'],
  ].map(([glob, regex]) => ({
    files: [glob],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [{ regex, message: 'The platform imports only the platform and shared/.' }],
        },
      ],
    },
  })),
);
