// The committed page query types (site/lib/graphql/) are generated from the committed schema and the pages' own
// `graphql(...)` documents; a query or schema change without `npm run schema:print` fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { documentsIn, pageTypes } from '#scripts/page-types.ts';

describe('site/lib/graphql/', () => {
  it('matches what the pages ask and the schema answers (run `npm run schema:print` after changing either)', async () => {
    const files = await pageTypes();
    expect(files.map((f) => f.filename).sort()).toEqual([
      'site/lib/graphql/gql.ts',
      'site/lib/graphql/graphql.ts',
      'site/lib/graphql/index.ts',
    ]);
    for (const file of files)
      expect(readFileSync(path.join(projectRoot, file.filename), 'utf8'), file.filename).toBe(file.content);
  }, 180_000);

  it('finds documents in an .astro frontmatter that returns early, and only graphql(...) calls with a literal', () => {
    const page = [
      '---',
      "if (!x) return Astro.redirect('/');",
      'const a = graphql(`query A { hubSummary { organisations } }`);',
      'const b = gql`query B { x }`;',
      'const c = graphql(text);',
      '---',
      '<p>graphql(`query C { y }`)</p>',
    ].join('\n');
    expect(documentsIn('site/pages/x.astro', page)).toEqual(['query A { hubSummary { organisations } }']);
  });
});
