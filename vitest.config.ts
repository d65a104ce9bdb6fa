import { defineConfig } from 'vitest/config';

/** Tests that start the local runtime, an emulator or a browser; every other test is a unit test. */
export const E2E_TESTS = 'test/**/*.e2e.test.ts';

export default defineConfig({
  test: {
    // Against LocalStack (DSR_TARGET=localstack) each Lambda's first call starts a container.
    testTimeout: process.env.DSR_TARGET === 'localstack' ? 600_000 : 60_000,
    hookTimeout: 120_000,
    // Workflow tests each start their own local runtime; two cores on CI.
    maxWorkers: 2,
    // Complementary globs: each test file is in exactly one project (test/vitest.config.test.ts checks it).
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [E2E_TESTS] } },
      { extends: true, test: { name: 'e2e', include: [E2E_TESTS] } },
    ],
  },
});
