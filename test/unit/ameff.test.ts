// The ArchiMate export: valid against The Open Group's schema (checked with libxml2 in WebAssembly), stable ids,
// escaping, and koppelingen written in their direction.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toAmeff } from '#core/exchange/ameff.ts';
import type { ExportLandscape } from '#core/exchange/load.ts';
import { schemaErrors } from '../helpers/archimate.ts';

const ZRC = '3e79874f-3a37-49bd-86ef-d48d0f2ed4a1';
const BRP = '0bbf8a94-5b91-41b1-8ccf-68b4c7e6a3e0';
const landscape: ExportLandscape = {
  organisation: { slug: 'proef', name: 'Gemeente Proef & Co' },
  usages: [
    {
      id: 'u1',
      key: 'zaak <oud>',
      name: 'Zaak & Co <oud>',
      supplier: 'Leverancier "X"',
      version: '1.0',
      status: 'PHASING_OUT',
      statusSince: '2026-01-01',
      statusDates: { IN_PRODUCTION: '2010-01-01', PHASING_OUT: '2026-01-01' },
      productSlug: 'zaak-oud',
      architecture: 'LEGACY',
      layers: ['PROCESS', 'DATA'],
      operator: 'Gemeente Buur',
      availability: 2,
      integrity: 3,
      confidentiality: 2,
      referenceComponentIds: [ZRC],
    },
    {
      id: 'u2',
      key: 'portaal',
      name: 'Portaal',
      supplier: 'Y',
      version: null,
      status: 'IN_PRODUCTION',
      statusSince: null,
      statusDates: {},
      productSlug: 'portaal',
      architecture: 'COMMON_GROUND',
      layers: ['INTERACTION', 'PROCESS'],
      operator: null,
      availability: null,
      integrity: null,
      confidentiality: null,
      referenceComponentIds: [],
    },
  ],
  referenceComponents: [{ id: ZRC, name: 'Zaakregistratiecomponent', group: 'Referentiecomponenten generiek' }],
  externalServices: [{ id: BRP, name: 'BRP' }],
  interfaces: [
    {
      key: 'k1',
      fromUsageId: 'u2',
      toUsageId: 'u1',
      intermediaryUsageId: null,
      description: 'Zaken naar het portaal',
      externalServiceId: null,
      type: 'API',
      direction: 'B_TO_A',
      status: 'IN_USE',
      copiesData: false,
      standards: ['ZGW API'],
      standardIds: ['zgw-api'],
    },
    {
      key: 'k2',
      fromUsageId: 'u1',
      toUsageId: null,
      intermediaryUsageId: null,
      description: null,
      externalServiceId: BRP,
      type: 'DIGIKOPPELING',
      direction: 'A_TO_B',
      status: 'IN_USE',
      copiesData: true,
      standards: [],
      standardIds: [],
    },
  ],
  exportedAt: '2026-11-28T00:00:00.000Z',
};

describe('AMEFF export', () => {
  const xml = toAmeff(landscape);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const relationships = parsed.model.relationships.relationship as {
    identifier: string;
    source: string;
    target: string;
    'xsi:type': string;
  }[];

  it('validates against The Open Group schema, and the check catches a broken file', async () => {
    expect(await schemaErrors(xml)).toEqual([]);
    const broken = xml.replace('xsi:type="Flow"', 'xsi:type="Koppeling"');
    expect((await schemaErrors(broken)).length).toBeGreaterThan(0);
  });

  it('keeps GEMMA object ids, escapes text and writes a B_TO_A koppeling the other way round', () => {
    expect(xml).toContain(`identifier="id-${ZRC}"`);
    expect(xml).toContain('Zaak &amp; Co &lt;oud&gt;');
    expect(relationships.find((r) => r.identifier === `gp-spec-zaak__oud_-${ZRC}`)).toMatchObject({
      source: 'gp-usage-zaak__oud_',
      target: `id-${ZRC}`,
      'xsi:type': 'Specialization',
    });
    expect(relationships.find((r) => r.identifier === 'gp-flow-k1')).toMatchObject({
      source: 'gp-usage-zaak__oud_',
      target: 'gp-usage-portaal',
    });
    expect(relationships.find((r) => r.identifier === 'gp-flow-k2')).toMatchObject({
      source: 'gp-usage-zaak__oud_',
      target: `id-${BRP}`,
    });
  });

  it('draws a view per Common Ground layer that has usages, with the koppelingen between them', () => {
    const views = parsed.model.views.diagrams.view as { identifier: string; connection?: unknown }[];
    expect(views.map((v) => v.identifier)).toEqual(['gp-view-INTERACTION', 'gp-view-PROCESS', 'gp-view-DATA']);
    expect(views.find((v) => v.identifier === 'gp-view-PROCESS')?.connection).toBeDefined();
  });

  it('is the same file for the same landscape', () => {
    expect(toAmeff(structuredClone(landscape))).toBe(xml);
  });
});
