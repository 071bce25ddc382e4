/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', jsx: 'react-jsx', esModuleInterop: true, resolveJsonModule: true } }],
  },
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/test/stubs/officeAddinManifest.ts',
  },
  setupFiles: ['<rootDir>/test/support/fastCheckSeed.ts'],
  testTimeout: 60000,
};
