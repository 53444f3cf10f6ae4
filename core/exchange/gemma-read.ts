// The GEMMA model in the shape of its CSV extracts: reading the five extracts from a folder or an upload (every row
// checked, every link and flow pointing at known objects) and loading the stored model in that same shape.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Database } from '#prisma/client.ts';
import {
  gemmaComponentSchema,
  gemmaComponentStandardSchema,
  gemmaExternalServiceSchema,
  gemmaFlowSchema,
  gemmaStandardSchema,
  gemmaViewNodeSchema,
  gemmaViewSchema,
} from '#prisma/seed/schemas.ts';
import { csvObjects, fileText } from './file-text.ts';
import { type GemmaViews, VIEW_FILES, viewProblems } from './gemma-views.ts';

export interface GemmaProblem {
  file: string;
  row: number;
  message: string;
}

type Component = z.infer<typeof gemmaComponentSchema>;
type Standard = z.infer<typeof gemmaStandardSchema>;
type Service = z.infer<typeof gemmaExternalServiceSchema>;

export interface GemmaData {
  components: Component[];
  standards: Standard[];
  links: z.infer<typeof gemmaComponentStandardSchema>[];
  flows: z.infer<typeof gemmaFlowSchema>[];
  services: Service[];
  /** GEMMA's published views, when the release carries them (they then replace the stored ones whole). */
  views?: GemmaViews;
}

const FILES = {
  components: 'referentiecomponenten.csv',
  standards: 'standaarden.csv',
  links: 'referentiecomponent-standaarden.csv',
  flows: 'referentiecomponent-stromen.csv',
  services: 'buitengemeentelijke-voorzieningen.csv',
} as const;

/** Reads the five extracts from a folder; every row is checked, every link must point at a component and a standard. */
export function readGemma(dir: string): { data: GemmaData | null; problems: GemmaProblem[] } {
  const files = new Map<string, Uint8Array>();
  for (const file of [...Object.values(FILES), ...Object.values(VIEW_FILES)]) {
    try {
      files.set(file, readFileSync(path.join(dir, file)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return readGemmaFiles(files);
}

/** The same from files by name, as an upload brings them. */
export function readGemmaFiles(files: ReadonlyMap<string, Uint8Array>): {
  data: GemmaData | null;
  problems: GemmaProblem[];
} {
  const problems: GemmaProblem[] = [];
  const read = <T>(file: string, schema: z.ZodType<T>): T[] => {
    const bytes = files.get(file);
    if (!bytes) {
      problems.push({ file, row: 0, message: 'Het bestand ontbreekt.' });
      return [];
    }
    const text = fileText(bytes, Number.POSITIVE_INFINITY, 'Sla het op als CSV (UTF-8).');
    const parsed = 'problem' in text ? text : csvObjects(text.text);
    if ('problem' in parsed) {
      problems.push({ file, row: parsed.problem.line, message: parsed.problem.message });
      return [];
    }
    const rows: unknown[] = parsed.records;
    return rows.flatMap((row, i) => {
      const result = schema.safeParse(row);
      if (result.success) return [result.data];
      for (const issue of result.error.issues)
        problems.push({ file, row: i + 1, message: `${issue.path.join('.')}: ${issue.message}` });
      return [];
    });
  };
  const data: GemmaData = {
    components: read(FILES.components, gemmaComponentSchema),
    standards: read(FILES.standards, gemmaStandardSchema),
    links: read(FILES.links, gemmaComponentStandardSchema),
    flows: read(FILES.flows, gemmaFlowSchema),
    services: read(FILES.services, gemmaExternalServiceSchema),
  };
  problems.push(...referenceProblems(data, { links: FILES.links, flows: FILES.flows }));
  // The views are optional: both files (in views/ or beside the others, as an upload brings them) or neither.
  const viewFile = (name: string) =>
    files.has(name) ? name : files.has(path.basename(name)) ? path.basename(name) : null;
  const [viewsName, nodesName] = [viewFile(VIEW_FILES.views), viewFile(VIEW_FILES.nodes)];
  if (viewsName || nodesName) {
    const views = {
      views: read(viewsName ?? VIEW_FILES.views, gemmaViewSchema),
      nodes: read(nodesName ?? VIEW_FILES.nodes, gemmaViewNodeSchema),
    };
    problems.push(...viewProblems(views));
    data.views = views;
  }
  return { data: problems.length ? null : data, problems };
}

/** Every link must point at a known component and standard, every flow at two known components. */
export function referenceProblems(
  data: GemmaData,
  where: { links: string; flows: string },
  rowOf = { links: (i: number) => i + 1, flows: (i: number) => i + 1 },
): GemmaProblem[] {
  const problems: GemmaProblem[] = [];
  const componentIds = new Set(data.components.map((c) => c.id));
  const standardIds = new Set(data.standards.map((s) => s.id));
  data.links.forEach((l, i) => {
    if (!componentIds.has(l.referentiecomponent_id))
      problems.push({
        file: where.links,
        row: rowOf.links(i),
        message: `Onbekende referentiecomponent ${l.referentiecomponent_id}.`,
      });
    if (!standardIds.has(l.standaard_id))
      problems.push({ file: where.links, row: rowOf.links(i), message: `Onbekende standaard ${l.standaard_id}.` });
  });
  data.flows.forEach((f, i) => {
    for (const id of [f.bron_id, f.doel_id])
      if (!componentIds.has(id))
        problems.push({ file: where.flows, row: rowOf.flows(i), message: `Onbekende referentiecomponent ${id}.` });
  });
  return problems;
}

/** The GEMMA model as stored, in the extracts' shape, so it can be written out and compared with a file. */
export async function loadGemma(db: Database): Promise<GemmaData> {
  const p = db.prisma;
  const [components, standards, links, flows, services] = await Promise.all([
    p.referenceComponent.findMany({ orderBy: { id: 'asc' } }),
    p.standard.findMany({ orderBy: { id: 'asc' } }),
    p.referenceComponentStandard.findMany({ orderBy: [{ referenceComponentId: 'asc' }, { standardId: 'asc' }] }),
    p.referenceComponentFlow.findMany({ orderBy: [{ sourceId: 'asc' }, { targetId: 'asc' }, { name: 'asc' }] }),
    p.externalService.findMany({ orderBy: { id: 'asc' } }),
  ]);
  const optional = (v: string | null) => v ?? undefined;
  return {
    components: components.map((c) => ({
      id: c.id,
      naam: c.name,
      gemma_status: c.gemmaStatus,
      groep: c.group,
      beschrijving: optional(c.description),
      toelichting: optional(c.explanation),
      beschikbaarheid: c.availability ?? undefined,
      integriteit: c.integrity ?? undefined,
      vertrouwelijkheid: c.confidentiality ?? undefined,
      gemma_url: optional(c.gemmaUrl),
    })),
    standards: standards.map((s) => ({
      id: s.id,
      naam: s.name,
      gemma_status: s.gemmaStatus,
      beheerder: optional(s.maintainer),
      url: optional(s.url),
      beschrijving: optional(s.description),
    })),
    links: links.map((l) => ({
      referentiecomponent_id: l.referenceComponentId,
      standaard_id: l.standardId,
      rol: l.role === 'MANDATORY' ? 'Verplicht' : l.role === 'RECOMMENDED' ? 'Aanbevolen' : undefined,
    })),
    flows: flows.map((f) => ({ bron_id: f.sourceId, doel_id: f.targetId, naam: f.name })),
    services: services.map((s) => ({ id: s.id, naam: s.name, beschrijving: optional(s.description) })),
  };
}
