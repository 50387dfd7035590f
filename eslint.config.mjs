// ESLint flat config: TypeScript + React hooks, and the import boundaries that keep the architecture honest.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

/** src/domain is shared with the cloud function and the host: it may import only zod, dayjs and itself. */
export const domainBoundary = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'src/domain is pure TypeScript: no Node built-ins.' })).concat([
    { name: 'react', message: 'src/domain must not import React.' },
    { name: 'react-dom', message: 'src/domain must not import React.' },
    { name: 'zustand', message: 'src/domain must not import zustand.' },
    { name: 'wx-server-sdk', message: 'src/domain must not import wx-server-sdk.' }
  ]),
  patterns: [
    { group: ['@tarojs/*'], message: 'src/domain must not import Taro.' },
    { group: ['zustand/*', 'react/*', 'react-dom/*', 'wx-server-sdk/*'], message: 'src/domain imports only zod and dayjs.' },
    { group: ['**/services/*', '**/stores/*', '**/pages/*', '**/components/*', '@/services/*', '@/stores/*'], message: 'src/domain must not import app layers.' }
  ]
}

/** Pages and components reach data through stores; only services touch Taro.cloud, HTTP or storage. */
const uiBoundary = {
  patterns: [
    { group: ['**/services/ledger-api', '**/services/http', '@/services/ledger-api'], message: 'Pages call stores; stores call services.' }
  ]
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-h5/**', 'node_modules/**', 'coverage/**', 'data/**', 'artifacts/**', 'cloudfunctions/ledger/index.js', '.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }]
    }
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', domainBoundary] }
  },
  {
    files: ['src/pages/**/*.tsx', 'src/report/**/*.tsx', 'src/components/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', uiBoundary] }
  },
  {
    files: ['src/app.config.ts', 'src/**/*.config.ts'],
    languageOptions: { globals: { defineAppConfig: 'readonly', definePageConfig: 'readonly' } }
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest, ...globals.browser }, sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true }],
      'no-console': 'off'
    }
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' }
  },
  {
    files: ['tests/**', 'scripts/**', 'bench/**', 'server/main.ts'],
    rules: { 'no-console': 'off' }
  }
)
