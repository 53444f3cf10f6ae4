import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node loads its CommonJS build for dependencies, so source files must share it.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    // The JSON report lets CI print one total line over all suites.
    reporters: ['default', 'json'],
    outputFile: { json: `test-results/vitest-${process.env.GRONDPLAN_TEST_PROVIDER ?? 'sqlite'}.json` },
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each integration file builds its own database; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
