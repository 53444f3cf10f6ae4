// A GEMMA release replaces the stored views whole, in the import's own transaction, when it carries changed ones;
// one without views, or with the same, leaves them alone; broken views are refused by file and row.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGemmaImport, planGemmaImport } from '#core/exchange/gemma.ts';
import { loadStoredGemma, readGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
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

describe('GEMMA views in a GEMMA exchange file', () => {
  const release = readFileSync(path.join(projectRoot, 'test/fixtures/gemma/release-met-mappen.xml'), 'utf8');
  const GDC = '6c681cd8-9401-4103-82fc-51c0492d67e7';
  // The views as VNG's releases write them: nodes nested, absolute bounds, a fill colour per node; one view that is
  // not a plaat Grondplan plots on (XX01) is left out.
  const views = `  <views>
    <diagrams>
      <view identifier="id-kv31-nieuw" xsi:type="Diagram">
        <name xml:lang="nl">KV31 Verbindende referentiecomponenten</name>
        <node identifier="id-n1" x="10" y="20" w="400" h="200" xsi:type="Container">
          <label xml:lang="nl">Gedeelde generieke applicatieservices</label>
          <style><fillColor r="255" g="224" b="192" /></style>
          <node identifier="id-n2" elementRef="id-${GDC}" xsi:type="Element" x="30" y="60" w="220" h="80">
            <style><fillColor r="181" g="255" b="255" /></style>
          </node>
        </node>
        <node identifier="id-n3" x="10" y="240" w="200" h="40" xsi:type="Label">
          <label xml:lang="nl">Een notitie</label>
        </node>
      </view>
      <view identifier="id-xx" xsi:type="Diagram">
        <name xml:lang="nl">XX01 Iets anders</name>
        <node identifier="id-x1" elementRef="id-${GDC}" xsi:type="Element" x="0" y="0" w="10" h="10" />
      </view>
    </diagrams>
  </views>
</model>`;

  it('reads the views it has a plaat for, nodes nested with bounds and fill colours; the others stay as stored', async () => {
    const stored = await loadStoredGemma(t.db);
    const { data, problems, warnings } = readGemmaAmeff(
      Buffer.from(release.replace('</model>', views)),
      'platen.xml',
      stored,
    );
    expect(problems).toEqual([]);
    const kept = warnings.find((w) => w.startsWith('De platen '));
    expect(kept).toMatch(/^De platen BS02, BS03, .* staan niet in het bestand; die blijven zoals ze zijn\.$/);
    expect(kept).not.toContain('KV31');
    const kv31 = data?.views?.views.find((v) => v.code === 'KV31');
    expect(kv31).toEqual({
      view_id: 'id-kv31-nieuw',
      code: 'KV31',
      naam: 'KV31 Verbindende referentiecomponenten',
      beschrijving: undefined,
      breedte: 410,
      hoogte: 280,
    });
    expect(data?.views?.views.some((v) => v.code === 'XX01')).toBe(false);
    expect(data?.views?.nodes.filter((n) => n.view_id === 'id-kv31-nieuw')).toEqual([
      {
        view_id: 'id-kv31-nieuw',
        node_id: 'id-n1',
        ouder_node_id: undefined,
        soort: 'groep',
        object_id: undefined,
        archimate_type: undefined,
        gemma_type: undefined,
        label: 'Gedeelde generieke applicatieservices',
        x: 10,
        y: 20,
        breedte: 400,
        hoogte: 200,
        vulkleur: '#ffe0c0',
      },
      {
        view_id: 'id-kv31-nieuw',
        node_id: 'id-n2',
        ouder_node_id: 'id-n1',
        soort: 'element',
        object_id: GDC,
        archimate_type: 'ApplicationComponent',
        gemma_type: 'Referentiecomponent',
        label: 'Gegevensdistributiecomponent',
        x: 30,
        y: 60,
        breedte: 220,
        hoogte: 80,
        vulkleur: '#b5ffff',
      },
      {
        view_id: 'id-kv31-nieuw',
        node_id: 'id-n3',
        ouder_node_id: undefined,
        soort: 'notitie',
        object_id: undefined,
        archimate_type: undefined,
        gemma_type: undefined,
        label: 'Een notitie',
        x: 10,
        y: 240,
        breedte: 200,
        hoogte: 40,
      },
    ]);
    const plan = await planGemmaImport(t.db, data as NonNullable<typeof data>);
    expect(plan.viewsReplaced).toBe(true);
    const before = await t.db.prisma.gemmaView.count();
    await applyGemmaImport(t.db, plan, { label: 'test' }, 'platen.xml');
    expect(await t.db.prisma.gemmaView.count()).toBe(before);
    expect(await t.db.prisma.gemmaViewNode.count({ where: { view: { code: 'KV31' } } })).toBe(3);
    expect((await t.db.prisma.gemmaView.findUniqueOrThrow({ where: { code: 'KV31' } })).id).toBe('id-kv31-nieuw');
  });

  it('keeps the stored views for a file without views', async () => {
    const { data } = readGemmaAmeff(Buffer.from(release), 'mappen.xml', await loadStoredGemma(t.db));
    expect(data?.views).toBeUndefined();
  });
});
