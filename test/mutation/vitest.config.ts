// The unit tests that cover the plan arithmetic and the figures: what `npm run test:mutation` runs against each mutant.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/quarters.test.ts',
      'test/unit/capacity.test.ts',
      'test/unit/capacity-demand.test.ts',
      'test/unit/capacity-view.test.ts',
      'test/unit/plan-checks.test.ts',
      'test/unit/plan.test.ts',
      'test/unit/analysis.test.ts',
      'test/unit/adoption.test.ts',
      'test/unit/comparison.test.ts',
      'test/unit/expected-interfaces.test.ts',
    ],
    // No database and no browser: a mutant that hangs a loop is stopped by Stryker's own timeout.
    testTimeout: 10_000,
  },
});
