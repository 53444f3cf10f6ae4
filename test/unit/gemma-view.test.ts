// Laying usages onto a GEMMA view and drawing it: positions, "+N", lanes per organisation, empty boxes, escaping and
// the names the tiles read out, against values worked out by hand (gemma-view-layout.ts: TILE, 0.6 em per glyph).
import { describe, expect, it } from 'vitest';
import { componentRows, coverage, drawView } from '#core/gemma-view-draw.ts';
import {
  layOutView,
  truncate,
  type ViewNode,
  type ViewOrganisation,
  type ViewUsage,
  viewGroups,
  wrapLabel,
} from '#core/gemma-view-layout.ts';
import { esc } from '#core/gemma-view-svg.ts';
import { parseComponentBoxes, parseOverflows, parseTiles } from '#test/helpers/view-svg.ts';

const ZRC = '00000000-0000-4000-8000-000000000001';
const DMS = '00000000-0000-4000-8000-000000000002';
const components = new Map([
  [ZRC, 'Zaakregistratiecomponent'],
  [DMS, 'Documentregistratiecomponent'],
]);
const node = (id: string, over: Partial<ViewNode>): ViewNode => ({
  id,
  parentId: null,
  kind: 'ELEMENT',
  objectId: null,
  gemmaType: null,
  label: id,
  x: 0,
  y: 0,
  width: 220,
  height: 80,
  fillColor: '#b5ffff',
  ...over,
});
const nodes: ViewNode[] = [
  node('groep', { label: 'Zaakgericht werken', x: 50, y: 0, width: 600, height: 200, fillColor: '#ffffcc' }),
  node('zrc', { parentId: 'groep', objectId: ZRC, label: 'Zaakregistratiecomponent', x: 100, y: 50 }),
  node('dms', { parentId: 'groep', objectId: DMS, label: 'Documentregistratiecomponent', x: 400, y: 50 }),
  node('zrc-2', { objectId: ZRC, label: 'Zaakregistratiecomponent', x: 100, y: 300 }),
  node('functie', { objectId: '00000000-0000-4000-8000-0000000000ff', label: 'Vergunningverlening', x: 400, y: 300 }),
];
const usage = (id: string, name: string, over: Partial<ViewUsage> = {}): ViewUsage => ({
  id,
  name,
  href: `/organisaties/emmen/gebruik/${id}`,
  architecture: 'COMMON_GROUND',
  status: 'IN_PRODUCTION',
  referenceComponentIds: [ZRC],
  ...over,
});
const emmen = (usages: ViewUsage[]): ViewOrganisation => ({ slug: 'emmen', name: 'Emmen', usages });

describe('layOutView', () => {
  it('puts the usages of a component in two columns under its label, at every place it is on the view, and no retired one', () => {
    const layout = layOutView(
      nodes,
      components,
      [
        emmen([
          usage('b', 'Open Zaak'),
          usage('a', 'GZAC', { architecture: 'HYBRID' }),
          usage('c', 'Oud', { status: 'RETIRED' }),
        ]),
      ],
      'architecture',
    );
    // Label: 1 line (29 glyphs fit in 212 px), tiles from y = 50 + 4 + 14 + 3 = 71; columns of (212 - 3) / 2 = 104.5.
    expect(layout.tiles.filter((t) => t.nodeId === 'zrc').map((t) => [t.usage.id, t.x, t.y, t.width, t.key])).toEqual([
      ['a', 104, 71, 104.5, 'HYBRID'],
      ['b', 211.5, 71, 104.5, 'COMMON_GROUND'],
    ]);
    expect(layout.tiles.filter((t) => t.nodeId === 'zrc-2').map((t) => [t.usage.id, t.y])).toEqual([
      ['a', 321],
      ['b', 321],
    ]);
    expect(layout.boxes.map((b) => [b.id, b.component, b.empty])).toEqual([
      ['groep', false, false],
      ['zrc', true, false],
      ['dms', true, true],
      ['zrc-2', true, false],
      ['functie', false, false],
    ]);
    expect(layout.overflows).toEqual([]);
  });

  it('shows five tiles and "+3" when eight usages meet a box of three rows of two', () => {
    const usages = 'abcdefgh'.split('').map((c) => usage(c, `Pakket ${c}`));
    const layout = layOutView(nodes.slice(0, 2), components, [emmen(usages)], 'status');
    expect(layout.tiles.map((t) => t.usage.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(layout.tiles[4]).toMatchObject({ x: 104, y: 71 + 2 * 19 });
    expect(layout.overflows).toHaveLength(1);
    expect(layout.overflows[0]).toMatchObject({ x: 211.5, y: 109, nodeId: 'zrc' });
    expect(layout.overflows[0]?.hidden.map((u) => u.id)).toEqual(['f', 'g', 'h']);
    expect(layout.tiles[0]?.key).toBe('IN_PRODUCTION');
  });

  it('splits a box into lanes side by side, one per organisation in the order given', () => {
    const coevorden: ViewOrganisation = {
      slug: 'coevorden',
      name: 'Coevorden',
      usages: [usage('x', 'Xential', { referenceComponentIds: [DMS] })],
    };
    const layout = layOutView(nodes.slice(0, 3), components, [emmen([usage('a', 'GZAC')]), coevorden], 'architecture');
    expect(layout.tiles.map((t) => [t.organisation, t.nodeId, t.x, t.width])).toEqual([
      ['emmen', 'zrc', 104, 104.5],
      ['coevorden', 'dms', 404 + 107.5, 104.5],
    ]);
    expect(layout.boxes.find((b) => b.id === 'dms')?.empty).toBe(false);
  });

  it('truncates names that do not fit and wraps long labels onto two lines', () => {
    expect(truncate('Zaaksysteem.nl Enterprise Edition', 16)).toBe('Zaaksysteem.nl…');
    expect(truncate('GZAC', 16)).toBe('GZAC');
    const layout = layOutView(
      nodes.slice(0, 2),
      components,
      [emmen([usage('a', 'Zaaksysteem.nl Enterprise Edition')])],
      'architecture',
    );
    expect(layout.tiles[0]?.text).toBe('Zaaksysteem.nl…');
    expect(wrapLabel('Medewerker-registratiecomponent', 200)).toEqual(['Medewerker-', 'registratiecomponent']);
    expect(wrapLabel('Open-data-portaalcomponent', 220)).toEqual(['Open-data-portaalcomponent']);
    expect(wrapLabel('Gegevensmagazijn voor basis- en kernregistraties', 100)).toEqual([
      'Gegevensmag…',
      'voor basis-…',
    ]);
  });
});

describe('drawView', () => {
  const organisations = [
    emmen([usage('a', 'Pakket <X> & "Y"'), usage('b', 'GZAC', { status: 'PHASING_OUT', architecture: 'LEGACY' })]),
  ];

  it('draws each tile as a link that reads out component, product, class and status, and escapes every text', () => {
    const { svg } = drawView({
      view: { code: 'T01', name: 'Test' },
      nodes,
      components,
      organisations,
      colourBy: 'architecture',
    });
    const tiles = parseTiles(svg);
    expect(tiles.filter((t) => t.node === 'zrc').map((t) => [t.usage, t.label, t.href])).toEqual([
      ['b', 'Zaakregistratiecomponent: GZAC, Legacy, uit te faseren', '/organisaties/emmen/gebruik/b'],
      ['a', 'Zaakregistratiecomponent: Pakket <X> & "Y", Common Ground, in productie', '/organisaties/emmen/gebruik/a'],
    ]);
    expect(svg).not.toContain('<X>');
    expect(svg).toContain(
      '<title>Zaakregistratiecomponent: Pakket &lt;X&gt; &amp; &quot;Y&quot;, Common Ground, in productie</title>',
    );
    expect(parseComponentBoxes(svg)).toEqual([
      { node: 'zrc', component: ZRC, empty: false },
      { node: 'dms', component: DMS, empty: true },
      { node: 'zrc-2', component: ZRC, empty: false },
    ]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="-10 -10 /);
    expect(svg).toContain('font-family="&#39;DejaVu Sans&#39;');
    expect(svg).toContain('Leeg: geen gebruik');
    expect(parseOverflows(svg)).toEqual([]);
  });

  it('opens one group on its own: the viewBox is the group, nothing outside it is drawn', () => {
    const { svg, group } = drawView({
      view: { code: 'T01', name: 'Test' },
      nodes,
      components,
      organisations,
      colourBy: 'status',
      group: 'groep',
    });
    expect(group?.id).toBe('groep');
    expect(svg).toMatch(/viewBox="40 -10 620 /);
    expect(parseTiles(svg).map((t) => t.node)).toEqual(['zrc', 'zrc']);
    expect(svg).toContain('<title id="plaat-titel">Test, groep Zaakgericht werken: Emmen</title>');
    expect(svg).toContain('Uit te faseren');
  });

  it('says in the legend which lane is which organisation', () => {
    const coevorden: ViewOrganisation = { slug: 'coevorden', name: 'Coevorden', usages: [] };
    const { svg } = drawView({
      view: { code: 'T01', name: 'Test' },
      nodes,
      components,
      organisations: [...organisations, coevorden],
      colourBy: 'architecture',
    });
    expect(svg).toContain('Elk vak is in stroken verdeeld, van links naar rechts: 1. Emmen, 2. Coevorden.');
    expect(parseTiles(svg)[0]?.label).toBe('Zaakregistratiecomponent: GZAC (Emmen), Legacy, uit te faseren');
  });
});

describe('the table and the figures beside the drawing', () => {
  it('lists each component once, with how often it is drawn and who realises it', () => {
    const organisations = [emmen([usage('a', 'GZAC'), usage('c', 'Oud', { status: 'RETIRED' })])];
    const layout = layOutView(nodes, components, organisations, 'architecture');
    expect(componentRows(layout, organisations).map((r) => [r.name, r.places, r.usages[0]?.map((u) => u.id)])).toEqual([
      ['Zaakregistratiecomponent', 2, ['a']],
      ['Documentregistratiecomponent', 1, []],
    ]);
    expect(coverage([ZRC, DMS, ZRC], organisations[0]?.usages ?? [])).toEqual({ covered: 1, total: 2 });
    expect(viewGroups(nodes).map((n) => n.id)).toEqual(['groep']);
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
