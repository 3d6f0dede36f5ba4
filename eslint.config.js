// @ts-check
// ESLint flat config. Type-aware: every TypeScript file is linted with the type information of
// the tsconfig that compiles it (projectService cannot find the widget's tsconfig.*.json files).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier/flat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { defineConfig, globalIgnores } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const TSCONFIGS = [
  './tsconfig.json',
  './tsconfig.browser-spec.json',
  ...['widget', 'admin'].flatMap((app) => [`./apps/${app}/tsconfig.spec.json`, `./apps/${app}/test/tsconfig.json`]),
];
const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**', 'apps/*/src/test-setup.ts', 'apps/*/src/testing/**'];

// Import boundaries of the API. Shared layers may be imported by anything; every other folder of
// apps/api/src is a feature, so a new feature is covered without touching this file. cli/ composes
// features like app.module.ts and main.ts do, so it is neither.
const API = 'apps/api/src';
const LAYERS = ['common', 'config', 'database', 'observability', 'redis', 'scheduling'];
const COMPOSITION = ['cli'];
const FEATURES = readdirSync(`${root}/${API}`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !LAYERS.includes(entry.name) && !COMPOSITION.includes(entry.name))
  .map((entry) => entry.name);

const featureZones = FEATURES.flatMap((feature) =>
  FEATURES.filter((other) => other !== feature).map((other) => ({
    target: `./${API}/${feature}`,
    from: `./${API}/${other}`,
    // Two public files: index.ts (services, types) and the Nest module, for other modules' imports. The module stays
    // out of index.ts: importing a service must not load the feature's controllers (and their libraries).
    except: ['./index.ts', `./${other}.module.ts`],
    message: `Import the ${other} feature through its public files: ${API}/${other}/index.ts, or ${other}.module.ts for a Nest import.`,
  })),
);
const layerZone = {
  target: LAYERS.map((layer) => `./${API}/${layer}`),
  from: FEATURES.map((feature) => `./${API}/${feature}`),
  message: 'Shared layers must not depend on features; move the shared part into the layer, or wire it in app.module.ts.',
};
const libsZone = { target: './libs', from: './apps', message: 'libs/ must not depend on apps/ (their tests neither: no apps/*/test/support).' };
const testSupportZone = { target: ['./apps/*/src', './libs'], from: './apps/*/test', message: 'Production code must not import test support.' };

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'test-artifacts/', 'bench-results/', 'data/', 'logs/', '.angular/']),

  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },

  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: TSCONFIGS, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // The code indexes arrays and records with `!` as if noUncheckedIndexedAccess were on (it
      // is not, so TypeScript calls every such `!` unnecessary): a deliberate, future-proof habit.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // `async` without `await` is how Promise-returning contracts (AnswerEngine, TypeORM
      // factories, test fakes) are implemented here: a throw becomes a rejection, not a sync throw.
      '@typescript-eslint/require-await': 'off',
      // `_name` marks a binding kept on purpose; rest siblings drop keys from an object.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Tests read JSON bodies, mocks and private state as `any` and let the assertions check them;
  // they stringify payloads whose shape they made themselves.
  {
    files: TESTS,
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // The widget: Angular's rules for its TypeScript, and for the templates inlined in its components.
  {
    files: ['apps/widget/src/**/*.ts'],
    extends: [angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'holibot', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'holibot', style: 'camelCase' }],
      // <holi-bot> is a custom element: `lang`, `title` and `open` are aliased so that the element
      // keeps its own lang/title properties and its open() method (see holi-bot.component.ts).
      '@angular-eslint/no-input-rename': 'off',
    },
  },
  {
    files: ['apps/widget/src/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },

  // The admin UI (apps/admin): the same Angular rules, and the accessibility rules for its templates.
  {
    files: ['apps/admin/src/**/*.ts'],
    extends: [angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'admin', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'admin', style: 'camelCase' }],
    },
  },
  {
    files: ['apps/admin/src/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },

  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: TSCONFIGS, noWarnOnMultipleProjects: true })] },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...featureZones, layerZone, libsZone, testSupportZone] }] },
  },
  // Tests may reach into any feature, but libs' tests still may not use the apps' test support.
  { files: TESTS.map((glob) => `{apps,libs}/${glob}`), rules: { 'import-x/no-restricted-paths': ['error', { zones: [libsZone] }] } },

  // Configuration comes from the environment in one place (apps/api/src/config), so every setting
  // is validated and documented there.
  {
    files: [`${API}/**/*.ts`, 'libs/*/src/**/*.ts'],
    ignores: [`${API}/config/**`, ...TESTS],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through AppConfig (apps/api/src/config).' }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['process', 'node:process'].map((name) => ({ name, importNames: ['env'], message: 'Read settings through AppConfig (apps/api/src/config).' })),
        },
      ],
    },
  },

  // Last: leave formatting to Prettier.
  prettier,
);
