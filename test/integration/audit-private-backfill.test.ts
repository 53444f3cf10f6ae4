// Changes recorded before AuditEvent.privateOnly existed are marked by its migration from their changed field names:
// the migration's backfill, run on a trail written with the mark left off, marks exactly the changes the rule
// (core/privacy.ts onlyPrivateFields, which marks new changes as they are written) would have marked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyPrivateFields, PRIVATE_FIELDS } from '#core/privacy.ts';
import { createTestDatabase, type TestDatabase, testProvider } from '../helpers/database.ts';

let t: TestDatabase;

const change = (fields: string[]) =>
  JSON.stringify(Object.fromEntries(fields.map((f) => [f, { before: null, after: 'x' }])));

/** Entity type, changed fields; what the rule says of each is asserted below against onlyPrivateFields. */
const EVENTS: [string, string[]][] = [
  ['Usage', ['yearlyCost']],
  ['Usage', ['internalNote', 'dpiaCriteria', 'pentestDate']],
  ['Usage', ['yearlyCost', 'status']],
  ['Usage', ['status']],
  ['Usage', []],
  ['VvtStatement', ['reason', 'state']],
  ['VvtStatement', ['measureNumber', 'reason']],
  ['Membership', ['officer']],
  ['Attestation', ['note', 'dataVersion']],
  ['Interface', ['yearlyCost']],
  ['Product', ['name']],
  ['Evidence', ['title', 'validUntil']],
  ['Evidence', ['visibility', 'revision']],
  ['ProcessingActivity', ['purpose', 'measures', 'usages']],
  ['ProcessingActivity', ['organisationId', 'name']],
];

beforeAll(async () => {
  t = await createTestDatabase({ seeded: false });
  await t.db.prisma.auditEvent.createMany({
    data: EVENTS.map(([entityType, fields], i) => ({
      actorLabel: 'test',
      entityType,
      entityId: `e${i}`,
      action: 'UPDATE',
      changes: change(fields),
      source: 'CLI' as const,
      privateOnly: false,
    })),
  });
});

afterAll(() => t?.drop());

describe(`the privateOnly backfill (${testProvider})`, () => {
  it('marks the changes of nothing but private fields, and no others', async () => {
    const sql = readFileSync(
      `prisma/migrations/${testProvider}/20261204140000_audit_private_only/migration.sql`,
      'utf8',
    );
    const update = sql.slice(sql.indexOf('UPDATE "AuditEvent"'));
    await t.db.prisma.$executeRawUnsafe(update.replace(/;\s*$/, ''));
    const rows = await t.db.prisma.auditEvent.findMany({ select: { entityId: true, privateOnly: true } });
    const marked = Object.fromEntries(rows.map((r) => [r.entityId, r.privateOnly]));
    const expected = Object.fromEntries(EVENTS.map(([type, fields], i) => [`e${i}`, onlyPrivateFields(type, fields)]));
    expect(marked).toEqual(expected);
    // The rule itself, worked out by hand: the first, second, sixth, eighth, ninth, twelfth and fourteenth changes.
    expect(Object.keys(expected).filter((k) => expected[k])).toEqual(['e0', 'e1', 'e5', 'e7', 'e8', 'e11', 'e13']);
  });
});

describe('the marking migrations', () => {
  it('marked every private field of every model whose changes can predate them', () => {
    // A model's fields as marked by its latest migration that marks private-only changes ("SET "privateOnly" = true"),
    // and the migration that first created each table.
    const marked = new Map<string, string[]>();
    const created = new Map<string, string>();
    let firstMarking = '';
    const root = `prisma/migrations/${testProvider}`;
    for (const dir of readdirSync(root).sort()) {
      if (!existsSync(`${root}/${dir}/migration.sql`)) continue;
      const sql = readFileSync(`${root}/${dir}/migration.sql`, 'utf8');
      for (const [, table] of sql.matchAll(/CREATE TABLE "(\w+)"/g))
        if (!created.has(table as string)) created.set(table as string, dir);
      if (!sql.includes('SET "privateOnly" = true')) continue;
      firstMarking ||= dir;
      for (const [, model, list] of sql.matchAll(/"entityType" = '(\w+)' AND NOT EXISTS \(.*?NOT IN \(([^)]*)\)/g))
        marked.set(
          model as string,
          [...(list as string).matchAll(/'(\w+)'/g)].map((m) => m[1] as string),
        );
    }
    expect(marked.size).toBeGreaterThan(0);
    // Every model of PRIVATE_FIELDS, but one whose table comes after the first marking (which added the column): its
    // changes are all recorded with the mark (core/audit.ts), so none can be left unmarked. Evidence and
    // ProcessingActivity are older than the marking: their tables come first (20261204100000, 20261204110000).
    const declared = PRIVATE_FIELDS as Record<string, { fields: readonly string[] }>;
    const older = Object.keys(declared).filter((model) => {
      const dir = created.get(model);
      expect(dir, `${model}: no migration creates its table`).toBeDefined();
      return (dir as string) < firstMarking;
    });
    expect(older).toEqual(expect.arrayContaining(['Evidence', 'ProcessingActivity']));
    expect([...marked.keys()].sort()).toEqual(expect.arrayContaining(older.sort()));
    for (const [model, fields] of marked)
      expect(
        [...fields].sort(),
        `${model}: its private fields changed since the last marking migration; add one that marks the changes`,
      ).toEqual([...(declared[model]?.fields ?? [])].sort());
  });
});
