// A GEMMA release replaces the stored views whole, in the import's own transaction, when it carries changed ones;
// one without views, or with the same, leaves them alone; broken views are refused by file and row.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGemmaImport, planGemmaImport } from '#core/exchange/gemma.ts';
import { readGemma } from '#core/exchange/gemma-read.ts';
import { loadGemmaViews } from '#core/exchange/gemma-views.ts';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const gemmaDir = path.join(projectRoot, 'content', 'gemma');
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

// The extracts end their lines with CRLF; rows written here do the same.
const copy = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gemma-views-'));
  cpSync(gemmaDir, dir, { recursive: true });
  return dir;
};

describe('GEMMA views in a GEMMA import', () => {
  it('finds the seeded views unchanged, and keeps them when a release carries none', async () => {
    const same = readGemma(gemmaDir);
    expect(same.problems).toEqual([]);
    expect((await planGemmaImport(t.db, same.data as NonNullable<typeof same.data>)).viewsReplaced).toBe(false);
    const dir = copy();
    rmSync(path.join(dir, 'views'), { recursive: true });
    const without = readGemma(dir);
    expect(without.data?.views).toBeUndefined();
    const plan = await planGemmaImport(t.db, without.data as NonNullable<typeof without.data>);
    expect(plan.viewsReplaced).toBe(false);
    await applyGemmaImport(t.db, plan, { label: 'test' }, 'zonder-platen');
    expect(await t.db.prisma.gemmaView.count()).toBe(17);
  });

  it('replaces the views whole with a release that changes them: a renamed box and a view dropped', async () => {
    const dir = copy();
    const views = readFileSync(path.join(dir, 'views', 'views.csv'), 'utf8')
      .trimEnd()
      .split('\r\n');
    const dropped = (views[views.length - 1] ?? '').split(',')[0] ?? '';
    writeFileSync(path.join(dir, 'views', 'views.csv'), `${views.slice(0, -1).join('\r\n')}\r\n`);
    const nodes = readFileSync(path.join(dir, 'views', 'view-nodes.csv'), 'utf8')
      .trimEnd()
      .split('\r\n');
    const kept = nodes.filter((line) => !line.startsWith(`${dropped},`));
    kept[1] = (kept[1] ?? '').replace(',Besturende bedrijfsfuncties,', ',Besturende functies,');
    writeFileSync(path.join(dir, 'views', 'view-nodes.csv'), `${kept.join('\r\n')}\r\n`);
    const { data, problems } = readGemma(dir);
    expect(problems).toEqual([]);
    const plan = await planGemmaImport(t.db, data as NonNullable<typeof data>);
    expect(plan.viewsReplaced).toBe(true);
    await applyGemmaImport(t.db, plan, { label: 'test' }, 'nieuwe-platen');
    expect(await t.db.prisma.gemmaView.count()).toBe(16);
    expect(await t.db.prisma.gemmaViewNode.count()).toBe(kept.length - 1);
    expect(await t.db.prisma.gemmaView.findUnique({ where: { id: dropped } })).toBeNull();
    const stored = await loadGemmaViews(t.db);
    expect(stored.nodes.some((n) => n.label === 'Besturende functies')).toBe(true);
    const again = await planGemmaImport(t.db, data as NonNullable<typeof data>);
    expect(again.viewsReplaced).toBe(false);
    const event = await t.db.prisma.auditEvent.findFirst({ where: { file: 'nieuwe-platen' }, orderBy: { id: 'desc' } });
    expect(event?.changes).toContain('"views":{"before":null,"after":16}');
  });

  it('refuses a node in a parent that is not on its view before it, and a nodes file without its views file', () => {
    const dir = copy();
    const nodes = readFileSync(path.join(dir, 'views', 'view-nodes.csv'), 'utf8')
      .trimEnd()
      .split('\r\n');
    const [view] = (nodes[1] ?? '').split(',');
    writeFileSync(
      path.join(dir, 'views', 'view-nodes.csv'),
      `${nodes.join('\r\n')}\r\n${view},id-nieuw,id-bestaat-niet,element,,,,Los,0,0,10,10,#ffffff\r\n`,
    );
    expect(readGemma(dir).problems).toEqual([
      {
        file: 'views/view-nodes.csv',
        row: nodes.length,
        message: 'Het knooppunt id-nieuw ligt in id-bestaat-niet, dat niet eerder op dezelfde plaat staat.',
      },
    ]);
    rmSync(path.join(dir, 'views', 'views.csv'));
    expect(readGemma(dir).problems).toContainEqual({
      file: 'views/views.csv',
      row: 0,
      message: 'Het bestand ontbreekt.',
    });
  });
});
