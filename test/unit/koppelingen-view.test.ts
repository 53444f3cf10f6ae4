// The koppelingen page's filters, map and figures, and the landscape page's figures and sections, against a small
// hand-made landscape.
import { describe, expect, it } from 'vitest';
import {
  aroundOptions,
  dataText,
  endDetail,
  expectedCounts,
  filterKoppelingen,
  type Koppeling,
  koppelingColumns,
  koppelingenFigures,
  koppelingenFilters,
  koppelingenMap,
  otherEnd,
  standardsText,
} from '#site/lib/koppelingen.ts';

const zaak = {
  key: 'zaak',
  product: { name: 'Zaaksysteem', architecture: 'HYBRID', layers: ['PROCESS', 'SERVICE'] },
} as const;
const portaal = {
  key: 'portaal',
  product: { name: 'Portaal', architecture: 'COMMON_GROUND', layers: ['INTERACTION'] },
} as const;
const archief = { key: 'archief', product: { name: 'Archief', architecture: 'LEGACY', layers: [] } } as const;
const bgt = { gemmaId: 'id-bgt', name: 'LV-BGT - Basisregistratie Grootschalige Topografie' };
const k = (key: string, over: Partial<Koppeling>): Koppeling => ({
  key,
  type: 'API',
  direction: 'A_TO_B',
  status: 'IN_USE',
  copiesData: false,
  from: zaak,
  to: portaal,
  externalService: null,
  ...over,
});
const all: Koppeling[] = [
  k('k1', {}),
  k('k2', { from: portaal, to: null, externalService: bgt, type: 'WEBSERVICE', direction: 'B_TO_A' }),
  k('k3', { to: archief, copiesData: true, type: 'FILE_TRANSFER' }),
  k('k4', { from: archief, to: zaak, status: 'WITHDRAWN', direction: 'BOTH' }),
];
const filters = (query: string) => koppelingenFilters(new URLSearchParams(query));
const keys = (list: Koppeling[]) => list.map((x) => x.key);

describe('the koppelingen filters', () => {
  it('show every type but no withdrawn koppeling by default, by the source product name', () => {
    const f = filters('');
    expect(f).toMatchObject({
      chosenTypes: [],
      dataFilter: 'alle',
      withWithdrawn: false,
      colourBy: 'soort',
      around: '',
    });
    expect(f.shownTypes).toHaveLength(6);
    // Portaal before Zaaksysteem; k1 and k3 share a source and go by key.
    expect(keys(filterKoppelingen(all, f))).toEqual(['k2', 'k1', 'k3']);
  });

  it('narrow by type, by copy or source, around a usage or a facility, and with withdrawn ones on request', () => {
    expect(keys(filterKoppelingen(all, filters('soort=API&soort=ZZZ')))).toEqual(['k1']);
    expect(keys(filterKoppelingen(all, filters('gegevens=kopie')))).toEqual(['k3']);
    expect(keys(filterKoppelingen(all, filters('gegevens=bron')))).toEqual(['k2', 'k1']);
    expect(keys(filterKoppelingen(all, filters('ingetrokken=ja')))).toEqual(['k4', 'k2', 'k1', 'k3']);
    expect(keys(filterKoppelingen(all, filters('rond=archief&ingetrokken=ja')))).toEqual(['k4', 'k3']);
    expect(keys(filterKoppelingen(all, filters('rond=id-bgt')))).toEqual(['k2']);
    // Unknown values fall back rather than fail.
    expect(filters('gegevens=qq&kleur=x')).toMatchObject({ dataFilter: 'alle', colourBy: 'soort' });
    expect(filters('kleur=gegevens').colourBy).toBe('gegevens');
  });

  it('offer every usage and facility once to centre on, by name', () => {
    expect(aroundOptions(all)).toEqual([
      ['archief', 'Archief'],
      ['id-bgt', 'LV-BGT - Basisregistratie Grootschalige Topografie'],
      ['portaal', 'Portaal'],
      ['zaak', 'Zaaksysteem'],
    ]);
  });
});

describe('the koppelingen map', () => {
  it('places usages in the band of their first layer and facilities in their own, only bands in use', () => {
    const map = koppelingenMap(filterKoppelingen(all, filters('')), 'emmen');
    // Interactie (Portaal), Proces (Zaaksysteem; Archief without a layer goes to the first band), national facilities.
    expect(map.bands).toEqual(['Interactie', 'Proces', 'Landelijke voorzieningen']);
    expect(map.nodes.map((n) => [n.id, n.band, n.kind])).toEqual([
      ['u:portaal', 0, 'COMMON_GROUND'],
      ['x:id-bgt', 2, 'EXTERNAL'],
      ['u:zaak', 1, 'HYBRID'],
      ['u:archief', 0, 'LEGACY'],
    ]);
    const [portaalNode, bgtNode, zaakNode] = map.nodes;
    expect(portaalNode?.description).toBe('laag Interactie, Common Ground, 2 koppelingen');
    expect(zaakNode).toMatchObject({
      href: '/organisaties/emmen/gebruik/zaak',
      description: 'laag Proces, Diensten, Hybride, 2 koppelingen',
    });
    expect(bgtNode).toMatchObject({
      label: 'LV-BGT',
      href: '?rond=id-bgt#kaart',
      description:
        'landelijke voorziening LV-BGT - Basisregistratie Grootschalige Topografie, 1 koppeling; toont de kaart rond deze voorziening',
    });
    expect(map.edges.map((e) => [e.key, e.from, e.to, e.withdrawn])).toEqual([
      ['k2', 'u:portaal', 'x:id-bgt', false],
      ['k1', 'u:zaak', 'u:portaal', false],
      ['k3', 'u:zaak', 'u:archief', false],
    ]);
    expect(map.edges[0]?.title).toBe(
      'Portaal haalt op bij LV-BGT - Basisregistratie Grootschalige Topografie: Webservice, bevraagt de bron',
    );
    expect(map.edges[2]?.title).toBe('Zaaksysteem levert aan Archief: Bestandsuitwisseling, kopie van gegevens');
  });

  it('marks a withdrawn koppeling and keeps a focused map to its bands', () => {
    const map = koppelingenMap(filterKoppelingen(all, filters('rond=archief&ingetrokken=ja&gegevens=bron')), 'emmen');
    expect(map.bands).toEqual(['Interactie', 'Proces']);
    expect(map.edges).toEqual([
      expect.objectContaining({ key: 'k4', from: 'u:archief', to: 'u:zaak', withdrawn: true }),
    ]);
    expect(map.nodes.map((n) => n.band)).toEqual([0, 1]);
    expect(koppelingenMap([], 'emmen')).toEqual({ nodes: [], edges: [], bands: [] });
  });
});

describe('the figures and cells of the koppelingen', () => {
  it('count what is shown, what copies, the applications and the expected koppelingen that are missing', () => {
    const expected = [
      { status: 'MISSING' },
      { status: 'MISSING' },
      { status: 'AT_SOURCE' },
      { status: 'DATA_COPY' },
    ] as const;
    expect(expectedCounts(expected)).toEqual({ MISSING: 2, DATA_COPY: 1, AT_SOURCE: 1, WITHIN_APPLICATION: 0 });
    const shown = filterKoppelingen(all, filters(''));
    expect(koppelingenFigures(shown, all.length, 4, expected)).toEqual({
      shown: 3,
      total: 4,
      copying: 1,
      atSource: 2,
      nodes: 4,
      missing: 2,
    });
    expect(koppelingenFigures([], 0, 0, [])).toEqual({
      shown: 0,
      total: 0,
      copying: 0,
      atSource: 0,
      nodes: 0,
      missing: 0,
    });
  });

  it('write the cells of both tables', () => {
    expect(otherEnd(all[0] as Koppeling)).toBe('Portaal');
    expect(otherEnd(all[1] as Koppeling)).toBe(bgt.name);
    expect(otherEnd({ to: null, externalService: null })).toBe('–');
    expect(dataText(true)).toBe('Kopie van gegevens');
    expect(dataText(false)).toBe('Bevraagt de bron');
    expect(standardsText([])).toBe('–');
    expect(
      standardsText([
        { standard: { name: 'StUF-ZKN' }, version: '3.10' },
        { standard: { name: 'ZGW' }, version: null },
        { standard: { name: 'NEN' } },
      ]),
    ).toBe('StUF-ZKN 3.10, ZGW, NEN');
    expect(endDetail(zaak)).toBe('Proces, Diensten · Hybride');
    expect(koppelingColumns).toEqual(['from', 'direction', 'to', 'type', 'data', 'standards', 'via', 'status']);
  });
});
