// GEMMA extract rows (CSV column names) as the model's columns: the seed and the GEMMA import write them the same way.
import type { z } from 'zod';
import type { gemmaComponentSchema, gemmaExternalServiceSchema, gemmaStandardSchema } from './schemas.ts';

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
