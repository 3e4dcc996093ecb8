/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers on the 2-core CI machines: the suites are I/O- and import-bound (Pulumi, real CNI plugins).
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testEnvironmentOptions: { globalsCleanup: 'off' },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
