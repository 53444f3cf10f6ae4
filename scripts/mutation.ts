// `npm run test:mutation`: runs StrykerJS (stryker.config.mjs) with any arguments given, then holds every mutated file,
// not only the total, to the break threshold, reading the JSON report.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import config from '../stryker.config.mjs';

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

/** Detected / (detected + undetected) per file, in percent, as Stryker's "total" column: errors and ignored mutants do not count. */
export function fileScores(report: Report): { file: string; score: number }[] {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (...statuses: string[]) => mutants.filter((m) => statuses.includes(m.status)).length;
    const detected = count('Killed', 'Timeout');
    const valid = detected + count('Survived', 'NoCoverage');
    return { file, score: valid === 0 ? 100 : (detected / valid) * 100 };
  });
}

if (import.meta.main) {
  const run = spawnSync('npx', ['stryker', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const { thresholds, jsonReporter } = config as { thresholds: { break: number }; jsonReporter: { fileName: string } };
  const threshold = thresholds.break;
  const below = fileScores(JSON.parse(readFileSync(jsonReporter.fileName, 'utf8')) as Report).filter(
    (f) => f.score < threshold,
  );
  for (const f of below) console.error(`${f.file}: mutation score ${f.score.toFixed(2)} is under ${threshold}`);
  process.exit(below.length > 0 ? 1 : 0);
}
