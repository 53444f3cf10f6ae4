import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // As in vitest.config.ts: graphql 16 has no "exports", so the hub's source and its GraphQL libraries must share
    // its CommonJS build (tests here also call the API in process, next to the built server).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest-e2e.json' },
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
