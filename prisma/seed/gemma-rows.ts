// GEMMA extract rows (CSV column names) as the model's columns: the seed and the GEMMA import write them the same way.
import type { z } from 'zod';
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

export const viewColumns = (v: z.infer<typeof gemmaViewSchema>) => ({
  id: v.view_id,
  code: v.code,
  name: v.naam,
  description: v.beschrijving ?? null,
  width: v.breedte,
  height: v.hoogte,
});

const NODE_KIND = { element: 'ELEMENT', groep: 'GROUP', notitie: 'NOTE' } as const;

/** A node's columns; position is its place in the file, which is the order GEMMA stacks them in. */
export const viewNodeColumns = (n: z.infer<typeof gemmaViewNodeSchema>, position: number) => ({
  viewId: n.view_id,
  id: n.node_id,
  parentId: n.ouder_node_id ?? null,
  kind: NODE_KIND[n.soort],
  objectId: n.object_id ?? null,
  archimateType: n.archimate_type ?? null,
  gemmaType: n.gemma_type ?? null,
  label: n.label,
  x: n.x,
  y: n.y,
  width: n.breedte,
  height: n.hoogte,
  fillColor: n.vulkleur?.toLowerCase() ?? null,
  position,
});
