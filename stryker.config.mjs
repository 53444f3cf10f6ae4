// Mutation testing of the domain arithmetic (`npm run test:mutation`): each file must keep a score of 90% or more.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  // The capacity arithmetic (with its calendar, checks and cycles), the plan's evaluation, and the landscape figures.
  mutate: [
    'core/capacity.ts',
    'core/quarters.ts',
    'core/plan-checks.ts',
    'core/cycles.ts',
    'core/plan.ts',
    'core/analysis.ts',
    'core/comparison.ts',
    'core/expected-interfaces.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores, shared: one test process at a time.
  concurrency: 1,
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  // `npm run test:mutation -- --incremental` tests only the mutants whose code or tests changed since the last run. It
  // reuses surviving mutants of module-level constants even when a new test would kill them: the full run decides.
  incrementalFile: 'reports/mutation/incremental.json',
  tempDirName: '.stryker-tmp',
  // The sandbox needs the sources and configuration, not the data, builds or generated reports.
  ignorePatterns: [
    'data',
    'dist',
    '.astro',
    'test-results',
    'reports',
    'test/fixtures/real',
    'test/fixtures/swc',
    'test/e2e',
  ],
};
