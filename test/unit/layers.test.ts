// The folders' arrows (site -> graphql -> core -> prisma; scripts -> core) are kept by Biome's restricted imports
// (biome.json). This lints would-be files in each folder, so a loosened or removed rule fails here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
const MESSAGE = 'the arrows run site -> graphql -> core -> prisma';

const forbidden = [
  ['core', '#graphql/yoga.ts'],
  ['core', '../graphql/cache.ts'],
  ['core/exchange', '../../site/lib/hub.ts'],
  ['core', '#scripts/bench.ts'],
  ['graphql', '#site/lib/hub.ts'],
  ['graphql/types', '../../site/lib/hub.ts'],
  ['prisma', '#core/capacity.ts'],
  ['prisma', '#graphql/schema.ts'],
  ['site/lib', '#test/helpers/db.ts'],
  ['scripts', '#site/lib/hub.ts'],
] as const;
const allowed = [
  ['core', '#prisma/client.ts'],
  ['core/exchange', '../audit.ts'],
  ['core', 'graphql'],
  ['core', 'graphql/language/index.js'],
  ['graphql/types', '#core/capacity.ts'],
  ['site/pages', '#graphql/execute.ts'],
  ['site/lib', '#core/labels.ts'],
  ['scripts', '#core/users.ts'],
  ['prisma/seed', '#core/cycles.ts'],
] as const;

const written: string[] = [];
function probe(folder: string, from: string, n: number) {
  const path = join(root, folder, `zz-layers-probe-${process.pid}-${n}.ts`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `import { x } from '${from}';\n\nexport const y = x;\n`);
  written.push(path);
  return path;
}
const cases = [...forbidden, ...allowed].map(([folder, from], n) => ({ folder, from, path: probe(folder, from, n) }));
const run = spawnSync(process.execPath, [biome, 'lint', '--max-diagnostics=none', ...cases.map((c) => c.path)], {
  cwd: root,
  encoding: 'utf8',
});
const output = run.stdout + run.stderr;
afterAll(() => {
  for (const path of written) rmSync(path, { force: true });
});

/** The diagnostics Biome printed for one probe file. */
const reportOf = (path: string) =>
  output
    .split(/\n(?=\S+\.ts:\d+:\d+ )/)
    .filter((block) => block.startsWith(path.slice(root.length + 1)))
    .join('\n');

describe('import arrows', () => {
  it.each(cases.slice(0, forbidden.length))('$folder/ may not import $from', ({ path }) => {
    expect(reportOf(path)).toContain(MESSAGE);
  });

  it.each(cases.slice(forbidden.length))('$folder/ may import $from', ({ path }) => {
    expect(reportOf(path)).not.toContain('noRestrictedImports');
  });
});
