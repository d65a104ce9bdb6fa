import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Against LocalStack (DSR_TARGET=localstack) each Lambda's first call starts a container.
    testTimeout: process.env.DSR_TARGET === 'localstack' ? 600_000 : 60_000,
    hookTimeout: 120_000,
    // Workflow tests each start their own local runtime; two cores on CI.
    maxWorkers: 2,
  },
});
