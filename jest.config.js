// Jest runs in ESM mode (node --experimental-vm-modules): NestJS 12 and Angular 21 ship ES
// modules only. ts-jest transpiles file by file; `npm test` type-checks the whole workspace
// first (the api with tsc, the widget with the Angular compiler in its build).
import angularPresets from 'jest-preset-angular/presets/index.js';
import { commonJsPackagesAsEsm } from './tools/jest/cjs-as-esm.mjs';

const tsJest = ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }];
const aliases = {
  '^@holibot/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^@holibot/database$': '<rootDir>/libs/database/src/index.ts',
  '^@holibot/database/testing$': '<rootDir>/libs/database/testing/index.ts',
};

// The CommonJS Nest packages the api uses, as ES modules Jest can load (see that file).
const commonJsNestPackages = await commonJsPackagesAsEsm(
  ['@nestjs/throttler', 'nest-winston', '@fastify/static', '@willsoto/nestjs-prometheus', '@nestjs-modules/mailer'],
  {
    shared: ['prom-client'],
  },
);

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: { ...aliases, ...commonJsNestPackages, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/migrations', '<rootDir>/tools'],
  // The widget's and the admin UI's component tests run in their own projects below.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/widget/src/', '<rootDir>/apps/admin/src/'],
};

// The <holi-bot> component tests: Angular's TestBed, zoneless, in jsdom.
const angular = angularPresets.createEsmPreset({ tsconfig: '<rootDir>/apps/widget/tsconfig.spec.json' });
const widget = {
  ...angular,
  displayName: 'widget',
  roots: ['<rootDir>/apps/widget/src'],
  testMatch: ['**/*.spec.ts'],
  // The same .js → .ts mapping as the api's: libs/contracts imports its own files as ./x.js.
  moduleNameMapper: { ...angular.moduleNameMapper, ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFilesAfterEnv: ['<rootDir>/apps/widget/src/test-setup.ts'],
};

// The admin UI (apps/admin): the same setup, with its own tsconfig.
const adminPreset = angularPresets.createEsmPreset({ tsconfig: '<rootDir>/apps/admin/tsconfig.spec.json' });
const admin = {
  ...adminPreset,
  displayName: 'admin',
  roots: ['<rootDir>/apps/admin/src'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: { ...adminPreset.moduleNameMapper, ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFilesAfterEnv: ['<rootDir>/apps/admin/src/test-setup.ts'],
};

export default {
  maxWorkers: 2,
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    widget,
    admin,
    { ...common, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
    // The widget in Chromium (playwright-core), against a spawned server: `npm run test:browser`.
    { ...common, displayName: 'browser', testMatch: ['**/*.browser-spec.ts'] },
  ],
};
