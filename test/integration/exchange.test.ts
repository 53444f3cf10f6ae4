// Exports of the sample landscapes through the API and the command line.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../prisma/database.ts';
import { schemaErrors } from '../helpers/archimate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(t.db, (await createUser(t.db, 'architect@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token);
});
afterAll(() => t?.drop());

const withoutTimestamp = (xml: string) => xml.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, 'TIMESTAMP');

describe('ArchiMate export', () => {
  it('passes schema validation for every sample landscape', async () => {
    const res = await gql<{ organisations: { slug: string; ameff: string }[] }>('{ organisations { slug ameff } }');
    expect(res.errors).toBeUndefined();
    for (const o of res.data?.organisations ?? []) {
      expect(await schemaErrors(o.ameff), o.slug).toEqual([]);
    }
    const emmen = res.data?.organisations.find((o) => o.slug === 'emmen')?.ameff ?? '';
    expect(emmen.match(/xsi:type="Flow"/g)?.length).toBeGreaterThan(40);
  });

  it('reads a landscape in a fixed number of statements', async () => {
    const one = await countQueries(t.db, () => gql('{ organisation(slug: "emmen") { ameff } }'));
    const other = await countQueries(t.db, () => gql('{ organisation(slug: "borger-odoorn") { ameff } }'));
    expect(one.count).toBe(other.count);
  });

  it('is for signed-in users only', async () => {
    const res = await graphqlClient(t.db)('{ organisation(slug: "emmen") { ameff } }');
    expect(res.errors?.[0]?.message).toBe('Log in om deze gegevens te zien.');
  });

  it('writes the same file from the command line', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts', 'export.ts'), 'ameff', '--org', 'emmen'],
      {
        env: { ...process.env, DATABASE_URL: t.url },
        maxBuffer: 20_000_000,
      },
    );
    const res = await gql<{ organisation: { ameff: string } }>('{ organisation(slug: "emmen") { ameff } }');
    expect(withoutTimestamp(stdout)).toBe(withoutTimestamp(res.data?.organisation.ameff ?? ''));
  });
});
