// Exports of a landscape in the formats other tools read; the files themselves are built in core/exchange/.
import { z } from 'zod';
import { requireInstanceAdmin } from '#core/access.ts';
import { ForbiddenError, mutationErrors, ValidationError } from '#core/errors.ts';
import { MAX_COMPARED } from '#core/exchange/ameff.ts';
import { MAX_XML_BYTES } from '#core/exchange/ameff-read.ts';
import { comparisonFile, gemmaFile, type LandscapeFormat, landscapeFile } from '#core/exchange/downloads.ts';
import { applyGemmaImport, type GemmaChange, planGemmaImport } from '#core/exchange/gemma.ts';
import { loadStoredGemma, readGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import { type GemmaProblem, readGemmaFiles } from '#core/exchange/gemma-read.ts';
import { swcApplications, toSwcCsv } from '#core/exchange/swc.ts';
import { builder } from '../builder.ts';
import { Organisation } from './organisation.ts';

builder.prismaObjectFields(Organisation, (t) => {
  /** A file of the organisation's landscape (core/exchange/downloads.ts), for readers; empty if it is gone. */
  const landscapeText = (description: string, format: Exclude<LandscapeFormat, 'usagesXlsx'>) =>
    t.string({
      authScopes: { reader: true },
      description,
      select: { slug: true },
      resolve: async (o, _args, ctx) => String((await landscapeFile(ctx.db, o.slug, format, ctx.viewer)) ?? ''),
    });
  return {
    usagesCsv: landscapeText(
      'The usages as a Softwarecatalogus-style CSV (UTF-8 with BOM, semicolons; formulas neutralised).',
      'usagesCsv',
    ),
    usagesXlsx: t.string({
      authScopes: { reader: true },
      description:
        'The usages and koppelingen as an Excel workbook (.xlsx, two sheets with the CSV columns), base64-encoded.',
      select: { slug: true },
      resolve: async (o, _args, ctx) => {
        const workbook = await landscapeFile(ctx.db, o.slug, 'usagesXlsx', ctx.viewer);
        return workbook ? Buffer.from(workbook).toString('base64') : '';
      },
    }),
    interfacesCsv: landscapeText(
      'The koppelingen as CSV (UTF-8 with BOM, semicolons; both ends, type, direction, standards by GEMMA id, status; formulas neutralised).',
      'interfacesCsv',
    ),
    softwarecatalogusCsv: t.string({
      authScopes: { reader: true },
      description:
        'The usages in the layout of the GEMMA Softwarecatalogus\'s own "applicaties" export: its 33 columns in order, commas, every field quoted, JSON arrays in cells; kept fields written back.',
      select: { slug: true },
      resolve: async (o, _args, ctx) => {
        const applications = await swcApplications(ctx.db, o.slug);
        return applications ? toSwcCsv(applications) : '';
      },
    }),
    contentYaml: landscapeText(
      'The landscape in the content/landscapes file format, to review in git and seed elsewhere.',
      'contentYaml',
    ),
    ameff: landscapeText(
      'The landscape as an ArchiMate Model Exchange File (ArchiMate 3.1, opens in Archi): usages, the GEMMA reference components they specialise (GEMMA object ids kept), national facilities, koppelingen as flows, a view per Common Ground layer.',
      'ameff',
    ),
  };
});

builder.queryField('comparisonAmeff', (t) =>
  t.string({
    authScopes: { reader: true },
    nullable: true,
    description: `Several landscapes side by side as one ArchiMate exchange file (a folder per organisation, per layer a view with a group per organisation); null when an organisation does not exist. At most ${MAX_COMPARED}.`,
    args: {
      organisations: t.arg.stringList({
        required: true,
        validate: z.array(z.string().min(1).max(100)).min(1).max(MAX_COMPARED),
      }),
    },
    resolve: (_root, args, ctx) => comparisonFile(ctx.db, args.organisations),
  }),
);

builder.queryField('gemmaAmeff', (t) =>
  t.string({
    // A whole file built in memory: for readers (members or instance administrators), like every other export.
    authScopes: { reader: true },
    description:
      'The GEMMA model as stored, as an ArchiMate exchange file: reference components and national facilities as application components, standards as constraints, their links (with role) and flows, all with GEMMA object ids. What importGemma reads back.',
    resolve: (_root, _args, ctx) => gemmaFile(ctx.db),
  }),
);

interface GemmaReport {
  applied: boolean;
  changes: GemmaChange[];
  unchanged: number;
  links: { added: number; removed: number };
  flows: { added: number; removed: number };
  viewsReplaced: boolean;
  refused: GemmaProblem[];
  /** What the file does not carry and is left as stored (a group, the links, the flows). */
  warnings: string[];
}
const GemmaChangeRef = builder.objectRef<GemmaChange>('GemmaChange').implement({
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'referentiecomponent, standaard or voorziening.' }),
    gemmaId: t.exposeString('id'),
    name: t.exposeString('name'),
    action: t.exposeString('action', { description: 'ADD or CHANGE.' }),
    fields: t.exposeStringList('fields'),
  }),
});
const GemmaProblemRef = builder.objectRef<GemmaProblem>('GemmaProblem').implement({
  fields: (t) => ({
    file: t.exposeString('file'),
    row: t.exposeInt('row', {
      description:
        'Row in a CSV extract, or position of the element or relationship in an exchange file; 0 for the file.',
    }),
    message: t.exposeString('message'),
  }),
});
const CountChangeRef = builder.objectRef<{ added: number; removed: number }>('CountChange').implement({
  fields: (t) => ({ added: t.exposeInt('added'), removed: t.exposeInt('removed') }),
});
const GemmaImportReportRef = builder.objectRef<GemmaReport>('GemmaImportReport').implement({
  description: 'What a GEMMA import adds and changes (matched on GEMMA object ids), and how links and flows change.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied'),
    changes: t.field({ type: [GemmaChangeRef], resolve: (r) => r.changes }),
    unchanged: t.exposeInt('unchanged'),
    links: t.field({
      type: CountChangeRef,
      description: 'Component-standard links added and removed.',
      resolve: (r) => r.links,
    }),
    viewsReplaced: t.exposeBoolean('viewsReplaced', {
      description: 'Whether the release carries views (views.csv and view-nodes.csv) that replace the stored ones.',
    }),
    flows: t.field({
      type: CountChangeRef,
      description: 'Component flows added and removed.',
      resolve: (r) => r.flows,
    }),
    refused: t.field({ type: [GemmaProblemRef], resolve: (r) => r.refused }),
    warnings: t.exposeStringList('warnings'),
  }),
});
const ImportGemmaInput = builder.inputType('ImportGemmaInput', {
  fields: (t) => ({
    files: t.field({
      type: ['File'],
      required: true,
      description:
        'The five GEMMA CSV extracts (by their file names), or one ArchiMate exchange file of the GEMMA model.',
    }),
    apply: t.boolean({ description: 'Apply when nothing is refused; without it, a dry run.' }),
  }),
});

builder.mutationField('importGemma', (t) =>
  t.field({
    type: GemmaImportReportRef,
    errors: mutationErrors('ImportGemma', [ForbiddenError, ValidationError]),
    description:
      'Updates the GEMMA model (reference components, standards, their links and flows, national facilities) by GEMMA object id; for instance administrators.',
    args: { input: t.arg({ type: ImportGemmaInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireInstanceAdmin(ctx, 'Alleen beheerders van Grondplan mogen het GEMMA-model inlezen.');
      const files = args.input.files as File[];
      const empty = {
        changes: [],
        unchanged: 0,
        links: { added: 0, removed: 0 },
        flows: { added: 0, removed: 0 },
        viewsReplaced: false,
      };
      const refuse = (message: string): GemmaReport => ({
        applied: false,
        ...empty,
        refused: [{ file: '', row: 0, message }],
        warnings: [],
      });
      if (files.length === 0 || files.length > 7)
        return refuse(
          'Kies de vijf GEMMA-CSV-bestanden (met views.csv en view-nodes.csv voor de platen) of één ArchiMate-bestand.',
        );
      if (files.reduce((n, f) => n + f.size, 0) > MAX_XML_BYTES)
        return refuse(`De bestanden zijn samen groter dan ${MAX_XML_BYTES / 1_000_000} MB.`);
      const contents = new Map(
        await Promise.all(files.map(async (f) => [f.name, new Uint8Array(await f.arrayBuffer())] as const)),
      );
      const [only] = files;
      const read =
        files.length === 1 && only && /\.xml$/i.test(only.name)
          ? readGemmaAmeff(contents.get(only.name) ?? new Uint8Array(), only.name, await loadStoredGemma(ctx.db))
          : { ...readGemmaFiles(contents), warnings: [] };
      if (!read.data) return { applied: false, ...empty, refused: read.problems, warnings: read.warnings };
      const plan = await planGemmaImport(ctx.db, read.data);
      const report = {
        changes: plan.changes,
        unchanged: plan.unchanged,
        links: plan.links,
        flows: plan.flows,
        viewsReplaced: plan.viewsReplaced,
        refused: [],
        warnings: read.warnings,
      };
      if (!args.input.apply) return { ...report, applied: false };
      await applyGemmaImport(ctx.db, plan, viewer, files.map((f) => f.name).join(', '), 'IMPORT');
      return { ...report, applied: true };
    },
  }),
);
