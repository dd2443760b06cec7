// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Visible text goes through i18next: a JSX text node with a letter in it is a bug. */
const noJsxLiteralText = {
  meta: { type: 'problem', messages: { literal: 'Visible text must go through i18next (t(...)); found "{{text}}".' }, schema: [] },
  create(context) {
    return {
      /** @param {any} node */
      JSXText(node) {
        const text = String(node.value).trim();
        if (/\p{L}/u.test(text)) context.report({ node, messageId: 'literal', data: { text: text.slice(0, 40) } });
      },
    };
  },
};

const boundary = (/** @type {string[]} */ patterns, /** @type {string} */ message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { local: { rules: { 'no-jsx-literal-text': noJsxLiteralText } }, 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'No focused tests: .only hides the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx'],
    rules: { 'local/no-jsx-literal-text': 'error' },
  },
  {
    files: ['src/domain/**'],
    rules: {
      ...boundary(
        [
          '**/protocol/**',
          '**/app/**',
          '**/server/**',
          'react',
          'react-dom',
          'dexie',
          'i18next',
          'react-i18next',
          'zod',
          'hono',
          'pg',
          '@electric-sql/*',
          'node:*',
        ],
        'src/domain is pure: it imports nothing of ours outside domain, no React, Dexie, i18next, zod, I/O. Pass data and time in as parameters.',
      ),
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'src/domain does no I/O.' },
        { name: 'localStorage', message: 'src/domain does no I/O.' },
        { name: 'indexedDB', message: 'src/domain does no I/O.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/domain never reads the clock: take the time as a parameter.' },
        { object: 'Math', property: 'random', message: 'src/domain never draws randomness: take it as a parameter.' },
      ],
    },
  },
  {
    files: ['src/protocol/**'],
    rules: boundary(
      ['**/app/**', '**/server/**', 'react', 'react-dom', 'dexie', 'hono', 'pg', '@electric-sql/*'],
      'src/protocol imports only src/domain (and zod).',
    ),
  },
  {
    files: ['src/app/**'],
    rules: boundary(
      ['**/server/**', '../server', 'hono', 'pg', '@electric-sql/*', '@hono/*'],
      'src/app never imports src/server: talk to it through src/protocol over HTTP.',
    ),
  },
  {
    files: ['src/server/**'],
    rules: boundary(
      ['**/app/**', 'react', 'react-dom', 'dexie', 'react-i18next'],
      'src/server never imports src/app: share code through src/domain or src/protocol.',
    ),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
