// The mutation score per file that `npm run test:mutation` holds to the threshold, against a report worked out by hand.
import { expect, it } from 'vitest';
import { fileScores } from '#scripts/mutation.ts';

it('counts killed and timed-out mutants against every mutant that ran or had no test, per file', () => {
  const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });
  const report = {
    files: {
      // 3 killed + 1 timeout detected, of 6 that count (errors and ignored mutants do not): 4 / 6.
      'core/a.ts': mutants(
        'Killed',
        'Killed',
        'Killed',
        'Timeout',
        'Survived',
        'NoCoverage',
        'RuntimeError',
        'CompileError',
        'Ignored',
      ),
      // Nothing that counts: nothing to miss.
      'core/b.ts': mutants('Ignored'),
    },
  };
  expect(fileScores(report)).toEqual([
    { file: 'core/a.ts', score: (4 / 6) * 100 },
    { file: 'core/b.ts', score: 100 },
  ]);
});
