// Jest runs in ESM mode (node --experimental-vm-modules): NestJS 12 ships ES modules only.
// ts-jest transpiles file by file; `npm test` type-checks the whole workspace first.
const tsJest = ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^@holibot/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@holibot/database$': '<rootDir>/libs/database/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/migrations', '<rootDir>/tools'],
};

export default {
  maxWorkers: 2,
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
};
