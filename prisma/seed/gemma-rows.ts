// GEMMA extract rows (CSV column names) as the model's columns: the seed and the GEMMA import write them the same way.
import type { z } from 'zod';
import type { GemmaView, GemmaViewNode } from '../generated/sqlite/client/client.ts';
import type {
  gemmaComponentSchema,
  gemmaExternalServiceSchema,
  gemmaStandardSchema,
  gemmaViewNodeSchema,
  gemmaViewSchema,
} from './schemas.ts';

export const componentColumns = (c: z.infer<typeof gemmaComponentSchema>) => ({
  name: c.naam,
  group: c.groep,
  gemmaStatus: c.gemma_status,
  description: c.beschrijving ?? null,
  explanation: c.toelichting ?? null,
  availability: c.beschikbaarheid ?? null,
  integrity: c.integriteit ?? null,
  confidentiality: c.vertrouwelijkheid ?? null,
  gemmaUrl: c.gemma_url ?? null,
});

export const standardColumns = (s: z.infer<typeof gemmaStandardSchema>) => ({
  name: s.naam,
  gemmaStatus: s.gemma_status,
  maintainer: s.beheerder ?? null,
  url: s.url ?? null,
  description: s.beschrijving ?? null,
});

export const serviceColumns = (s: z.infer<typeof gemmaExternalServiceSchema>) => ({
  name: s.naam,
  description: s.beschrijving ?? null,
});

/** GEMMA's role of a standard for a component; GEMMA leaves a few empty, kept as unknown. */
export const standardRole = (rol: string | undefined) =>
  rol === 'Verplicht' ? ('MANDATORY' as const) : rol === 'Aanbevolen' ? ('RECOMMENDED' as const) : null;

type ViewRow = z.infer<typeof gemmaViewSchema>;
type ViewNodeRow = z.infer<typeof gemmaViewNodeSchema>;

/**
 * Each model column with the extract's column it comes from: one table per model that both directions read (the seed
 * and the import write the extract's rows, the import and the ArchiMate read compare and read the stored ones back).
 * An empty value is null in the model and absent from the extract.
 */
const VIEW_FIELDS = [
  ['id', 'view_id'],
  ['code', 'code'],
  ['name', 'naam'],
  ['description', 'beschrijving'],
  ['width', 'breedte'],
  ['height', 'hoogte'],
] as const satisfies readonly (readonly [keyof GemmaView, keyof ViewRow])[];
const NODE_FIELDS = [
  ['viewId', 'view_id'],
  ['id', 'node_id'],
  ['parentId', 'ouder_node_id'],
  ['objectId', 'object_id'],
  ['archimateType', 'archimate_type'],
  ['gemmaType', 'gemma_type'],
  ['label', 'label'],
  ['x', 'x'],
  ['y', 'y'],
  ['width', 'breedte'],
  ['height', 'hoogte'],
  ['fillColor', 'vulkleur'],
] as const satisfies readonly (readonly [keyof GemmaViewNode, keyof ViewNodeRow])[];

const toColumns = (row: object, fields: readonly (readonly [string, string])[]) =>
  Object.fromEntries(fields.map(([column, extract]) => [column, (row as Record<string, unknown>)[extract] ?? null]));
const toExtract = (row: object, fields: readonly (readonly [string, string])[]) =>
  Object.fromEntries(
    fields.flatMap(([column, extract]) => {
      const value = (row as Record<string, unknown>)[column];
      return value === null || value === undefined ? [] : [[extract, value]];
    }),
  );

export const viewColumns = (v: ViewRow) => toColumns(v, VIEW_FIELDS) as GemmaView;

/** A stored view as the extract's row. */
export const viewRow = (v: GemmaView) => toExtract(v, VIEW_FIELDS) as ViewRow;

const NODE_KIND = { element: 'ELEMENT', groep: 'GROUP', notitie: 'NOTE' } as const;
const KIND_WORD = { ELEMENT: 'element', GROUP: 'groep', NOTE: 'notitie' } as const;

/** A node's columns; position is its place in the file, which is the order GEMMA stacks them in. */
export const viewNodeColumns = (n: ViewNodeRow, position: number): GemmaViewNode => ({
  ...(toColumns(n, NODE_FIELDS) as Omit<GemmaViewNode, 'kind' | 'position'>),
  kind: NODE_KIND[n.soort],
  fillColor: n.vulkleur?.toLowerCase() ?? null,
  position,
});

/** A stored node as the extract's row (its position is its place in the list). */
export const viewNodeRow = (n: GemmaViewNode): ViewNodeRow =>
  ({ ...toExtract(n, NODE_FIELDS), soort: KIND_WORD[n.kind] }) as ViewNodeRow;
