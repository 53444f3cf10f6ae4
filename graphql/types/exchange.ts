// Exports of a landscape in the formats other tools read; the files themselves are built in core/exchange/.
import { z } from 'zod';
import { requireCatalogueEditor, requireEditor, requireInstanceAdmin } from '#core/access.ts';
import type { Context, Viewer } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { MAX_COMPARED } from '#core/exchange/ameff.ts';
import { MAX_XML_BYTES } from '#core/exchange/ameff-read.ts';
import type { NotPlaced } from '#core/exchange/archi-read.ts';
import { comparisonFile, gemmaFile, type LandscapeFormat, landscapeFile } from '#core/exchange/downloads.ts';
import { applyGemmaImport, type GemmaChange, type GemmaProblem, planGemmaImport, readGemmaFiles } from '#core/exchange/gemma.ts';
import { loadStoredGemma, readGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import { applyInterfacesImport, planInterfacesImport } from '#core/exchange/interfaces-csv.ts';
import { applyLandscapeImport, planLandscapeImport, refusedOf } from '#core/exchange/landscape-import.ts';
import { applyPubliccodeImport, planPubliccodeImport } from '#core/exchange/publiccode.ts';
import { applySwcImport, swcApplications, toSwcCsv } from '#core/exchange/swc.ts';
import type { SwcColumn } from '#core/exchange/swc-columns.ts';
import { planSwcImport } from '#core/exchange/swc-plan.ts';
import type { RowProblem } from '#core/exchange/usages-csv.ts';
import { parseInput, requiredText, slug } from '#core/input.ts';
import { builder, type Types } from '../builder.ts';
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
    usagesCsv: landscapeText('The usages as a Softwarecatalogus-style CSV (UTF-8 with BOM, semicolons; formulas neutralised).', 'usagesCsv'),
    usagesXlsx: t.string({
      authScopes: { reader: true },
      description: 'The usages and koppelingen as an Excel workbook (.xlsx, two sheets with the CSV columns), base64-encoded.',
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
    contentYaml: landscapeText('The landscape in the content/landscapes file format, to review in git and seed elsewhere.', 'contentYaml'),
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
      organisations: t.arg.stringList({ required: true, validate: z.array(z.string().min(1).max(100)).min(1).max(MAX_COMPARED) }),
    },
    resolve: (_root, args, ctx) => comparisonFile(ctx.db, args.organisations),
  }),
);

interface ImportReport {
  applied: boolean;
  added: number;
  changed: number;
  unchanged: number;
  rows: { line: number; key: string; product: string; action: string; changes: string[] }[];
  refused: { line: number; message: string }[];
  notes: string[];
  warnings: string[];
  /** What an architect's own ArchiMate model holds that the import does not place (empty for other files). */
  notPlaced: NotPlaced[];
}

const NotPlacedRef = builder.objectRef<NotPlaced>('NotPlaced').implement({
  description: 'Elements or relationships of an ArchiMate model the import does not place, with the reason: information, not a refusal.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'ArchiMate element or relationship type, "View" or "Eigenschap".' }),
    count: t.exposeInt('count'),
    name: t.exposeString('name', { nullable: true, description: 'The element or relationship; null for a count of a whole type.' }),
    reason: t.exposeString('reason'),
  }),
});

const ImportLineRef = builder.objectRef<ImportReport['rows'][number]>('ImportLine').implement({
  fields: (t) => ({
    line: t.exposeInt('line'),
    key: t.exposeString('key'),
    product: t.exposeString('product'),
    action: t.exposeString('action', { description: 'ADD, CHANGE or UNCHANGED.' }),
    changes: t.exposeStringList('changes'),
  }),
});
const RefusedLineRef = builder.objectRef<ImportReport['refused'][number]>('RefusedLine').implement({
  fields: (t) => ({ line: t.exposeInt('line', { description: '0 for the file as a whole, 1 for the header.' }), message: t.exposeString('message') }),
});
/** What every import report says first: whether it was applied, its counts, every planned line and every refused one. */
const outcomeFields = <T extends ImportReport>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, T>) => ({
  applied: t.boolean({ resolve: (r) => r.applied }),
  added: t.int({ resolve: (r) => r.added }),
  changed: t.int({ resolve: (r) => r.changed }),
  unchanged: t.int({ resolve: (r) => r.unchanged }),
  rows: t.field({ type: [ImportLineRef], resolve: (r) => r.rows }),
  refused: t.field({ type: [RefusedLineRef], resolve: (r) => r.refused }),
});
const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  description: 'What an import adds, changes, leaves alone and refuses; applied only when asked and nothing was refused.',
  fields: (t) => ({
    ...outcomeFields(t),
    notes: t.exposeStringList('notes', { description: 'How the file was read, in Dutch: which product and supplier were recognised, and why.' }),
    warnings: t.exposeStringList('warnings', { description: 'Deviations read anyway and points to check, in Dutch; they do not stop the import.' }),
    notPlaced: t.field({ type: [NotPlacedRef], resolve: (r) => r.notPlaced }),
  }),
});

/**
 * The import mutations take the same input; only what the file holds differs. An import that may add what the
 * catalogue lacks (`unknown` says what it does otherwise) has the option too.
 */
const importFileInput = (name: string, holds: string, unknown?: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      organisation: t.string({ required: true }),
      fileName: t.string({ required: true }),
      file: t.field({ type: 'File', required: true, description: `${holds}, sent as a multipart upload.` }),
      apply: t.boolean({ description: 'Apply when nothing is refused; without it, a dry run.' }),
      ...(unknown
        ? {
            addUnknownProducts: t.boolean({
              description: `Add products, suppliers and versions the catalogue lacks (the dry run names each, and which supplier it recognised) instead of ${unknown}.`,
            }),
          }
        : {}),
    }),
  });
const ImportUsagesInput = importFileInput(
  'ImportUsagesInput',
  'The CSV, .xlsx or ArchiMate exchange file',
  'refusing their lines; in an own ArchiMate model, a component needs a property Leverancier (or Supplier, Vendor, Aanbieder) to be added',
);
const ImportInterfacesInput = importFileInput('ImportInterfacesInput', 'The koppelingen CSV');
const ImportProductInput = importFileInput('ImportProductInput', 'The publiccode.yml');
const ImportSoftwarecatalogusInput = importFileInput(
  'ImportSoftwarecatalogusInput',
  'The Softwarecatalogus "applicaties" export: CSV, or JSON (an array of applications or an API page with "results")',
  'refusing their applications; an application needs its supplier (_aanbieder) to be added',
);

interface Planned {
  rows: { line: number; key: string; action: 'ADD' | 'CHANGE' | 'UNCHANGED'; product?: string; changes?: string[] }[];
  refused: RowProblem[];
  notes?: string[];
  warnings?: string[];
  notPlaced?: NotPlaced[];
  placed?: string[];
}

/**
 * The steps every import shares: the organisation must exist and the viewer edit it, the file is planned, and only a
 * plan without refusals is applied, and only when asked.
 */
async function runImport<P extends Planned>(
  ctx: Context,
  raw: { organisation: string; fileName: string; file: unknown; apply?: boolean | null | undefined },
  plan: (bytes: Uint8Array, organisation: string) => Promise<P | null>,
  apply: (plan: P, viewer: Viewer, fileName: string) => Promise<unknown>,
): Promise<ImportReport> {
  const input = parseInput(z.object({ organisation: slug, fileName: requiredText(200), apply: z.boolean().nullish() }), {
    organisation: raw.organisation,
    fileName: raw.fileName,
    apply: raw.apply,
  });
  const org = await ctx.db.prisma.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
  if (!org) throw new NotFoundError('Organisatie', input.organisation);
  const viewer = requireEditor(ctx, org.id);
  const file = raw.file as File;
  // The largest file any reader accepts; a larger upload is refused before it is read into memory.
  if (file.size > MAX_XML_BYTES)
    return {
      applied: false,
      added: 0,
      changed: 0,
      unchanged: 0,
      rows: [],
      refused: [{ line: 0, message: `Het bestand is groter dan ${MAX_XML_BYTES / 1_000_000} MB.` }],
      notes: [],
      warnings: [],
      notPlaced: [],
    };
  const planned = await plan(new Uint8Array(await file.arrayBuffer()), input.organisation);
  if (!planned) throw new NotFoundError('Organisatie', input.organisation);
  const count = (a: string) => planned.rows.filter((r) => r.action === a).length;
  const report = {
    rows: planned.rows.map((r) => ({ line: r.line, key: r.key, action: r.action, product: r.product ?? '', changes: r.changes ?? [] })),
    refused: planned.refused,
    // How the file was read: products and suppliers recognised, and how each placed component of a model was matched.
    notes: [...(planned.notes ?? []), ...(planned.placed ?? [])],
    warnings: planned.warnings ?? [],
    added: count('ADD'),
    changed: count('CHANGE'),
    unchanged: count('UNCHANGED'),
    notPlaced: planned.notPlaced ?? [],
  };
  const applied = Boolean(input.apply) && planned.refused.length === 0;
  if (applied) await apply(planned, viewer, input.fileName);
  return { ...report, applied };
}

builder.mutationField('importUsages', (t) =>
  t.field({
    type: ImportReportRef,
    errors: mutationErrors('ImportUsages', [ForbiddenError, NotFoundError, ValidationError]),
    description:
      'Imports usages from a Softwarecatalogus-style CSV or Excel file, or usages and koppelingen from an ArchiMate exchange file, into the own organisation: a dry run first, then in one transaction.',
    args: { input: t.arg({ type: ImportUsagesInput, required: true }) },
    resolve: (_root, args, ctx) =>
      runImport(
        ctx,
        args.input,
        async (bytes, organisation) => {
          const plan = await planLandscapeImport(ctx.db, organisation, bytes, undefined, { addUnknownProducts: Boolean(args.input.addUnknownProducts) });
          if (!plan) return null;
          const koppelingen = (plan.interfaces?.rows ?? []).map((r) => ({ ...r, product: 'Koppeling' }));
          return { rows: [...plan.rows, ...koppelingen], refused: refusedOf(plan), notPlaced: plan.notPlaced, placed: plan.placed, plan };
        },
        (planned, viewer, fileName) => applyLandscapeImport(ctx.db, planned.plan, viewer, fileName, 'IMPORT'),
      ),
  }),
);

const SwcColumnRef = builder.objectRef<SwcColumn>('SoftwarecatalogusColumn').implement({
  description: 'A column of the file and what the import does with it.',
  fields: (t) => ({
    column: t.exposeString('column'),
    treatment: t.exposeString('treatment', { description: 'MAPPED (to a Grondplan field), KEPT (on the usage, written back on export) or IGNORED.' }),
    target: t.exposeString('target', { description: 'In Dutch: what the column becomes.' }),
  }),
});
type SwcReport = ImportReport & { columns: SwcColumn[]; remarks: RowProblem[] };
const SwcImportReportRef = builder.objectRef<SwcReport>('SoftwarecatalogusImportReport').implement({
  description: 'What a Softwarecatalogus import adds, changes, leaves alone and refuses, what it does with every column, and what it could not place.',
  fields: (t) => ({
    ...outcomeFields(t),
    columns: t.field({ type: [SwcColumnRef], resolve: (r) => r.columns }),
    remarks: t.field({
      type: [RefusedLineRef],
      description: 'Refuse nothing: weaker matches, values not placed (kept), differences from the catalogue.',
      resolve: (r) => r.remarks,
    }),
  }),
});

builder.mutationField('importSoftwarecatalogus', (t) =>
  t.field({
    type: SwcImportReportRef,
    errors: mutationErrors('ImportSoftwarecatalogus', [ForbiddenError, NotFoundError, ValidationError]),
    description:
      'Imports the GEMMA Softwarecatalogus\'s own "applicaties" export (CSV or JSON) into the own organisation as usages and koppelingen; fields Grondplan has no place for are kept on the usage (public, like the usage). A dry run first, then in one transaction.',
    args: { input: t.arg({ type: ImportSoftwarecatalogusInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      let extra: Pick<SwcReport, 'columns' | 'remarks'> = { columns: [], remarks: [] };
      const report = await runImport(
        ctx,
        args.input,
        async (bytes, organisation) => {
          const plan = await planSwcImport(ctx.db, organisation, bytes, { addUnknownProducts: Boolean(args.input.addUnknownProducts) });
          if (!plan) return null;
          extra = { columns: plan.columns, remarks: plan.notes };
          return { rows: plan.rows, refused: plan.refused, plan };
        },
        (planned, viewer, fileName) => applySwcImport(ctx.db, planned.plan, viewer, fileName, 'IMPORT'),
      );
      return { ...report, ...extra };
    },
  }),
);

builder.mutationField('importInterfaces', (t) =>
  t.field({
    type: ImportReportRef,
    errors: mutationErrors('ImportInterfaces', [ForbiddenError, NotFoundError, ValidationError]),
    description: 'Imports koppelingen from CSV into the own organisation: a dry run first, then in one transaction.',
    args: { input: t.arg({ type: ImportInterfacesInput, required: true }) },
    resolve: (_root, args, ctx) =>
      runImport(
        ctx,
        args.input,
        (bytes, organisation) => planInterfacesImport(ctx.db, organisation, bytes),
        (plan, viewer, fileName) => applyInterfacesImport(ctx.db, plan, viewer, fileName, 'IMPORT'),
      ),
  }),
);

builder.mutationField('importProduct', (t) =>
  t.field({
    type: ImportReportRef,
    errors: mutationErrors('ImportProduct', [ForbiddenError, NotFoundError, ValidationError]),
    description:
      'Adds a product to the catalogue, or updates the one with the same repository or name, from a publiccode.yml (with the nl extension: nl.commonground.layerType, nl.gemma.referentieComponenten and nl.gemma.standaarden, by GEMMA id or name). The organisation is the one adding it; a dry run first.',
    args: { input: t.arg({ type: ImportProductInput, required: true }) },
    resolve: (_root, args, ctx) =>
      runImport(
        ctx,
        args.input,
        async (bytes) => {
          const plan = await planPubliccodeImport(ctx.db, bytes);
          const refused = [...plan.refused];
          if (plan.existing && plan.action === 'CHANGE') {
            try {
              requireCatalogueEditor(ctx, plan.existing.addedById);
            } catch (error) {
              if (!(error instanceof ForbiddenError)) throw error;
              refused.push({
                line: 0,
                message: `Pakket "${plan.name}" is door een andere organisatie toegevoegd; alleen die of een beheerder van Grondplan mag het wijzigen.`,
              });
            }
          }
          const changes = [...plan.changes, ...(plan.supplier.isNew ? [`nieuwe leverancier ${plan.supplier.name}`] : [])];
          const rows = plan.slug ? [{ line: 1, key: plan.slug, product: plan.name, action: plan.action, changes }] : [];
          const notes = plan.slug ? [`Pakket ${plan.name}: ${plan.recognised}.`, `Leverancier ${plan.supplier.name}: ${plan.supplier.reason}.`] : [];
          return { rows, refused, notes, warnings: plan.warnings, plan };
        },
        async (planned, viewer, fileName) => {
          const org = await ctx.db.prisma.organisation.findUniqueOrThrow({ where: { slug: args.input.organisation }, select: { id: true } });
          return applyPubliccodeImport(ctx.db, planned.plan, viewer, fileName, org.id);
        },
      ),
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
    row: t.exposeInt('row', { description: 'Row in a CSV extract, or position of the element or relationship in an exchange file; 0 for the file.' }),
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
    links: t.field({ type: CountChangeRef, description: 'Component-standard links added and removed.', resolve: (r) => r.links }),
    flows: t.field({ type: CountChangeRef, description: 'Component flows added and removed.', resolve: (r) => r.flows }),
    refused: t.field({ type: [GemmaProblemRef], resolve: (r) => r.refused }),
    warnings: t.exposeStringList('warnings'),
  }),
});
const ImportGemmaInput = builder.inputType('ImportGemmaInput', {
  fields: (t) => ({
    files: t.field({
      type: ['File'],
      required: true,
      description: 'The five GEMMA CSV extracts (by their file names), or one ArchiMate exchange file of the GEMMA model.',
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
      const empty = { changes: [], unchanged: 0, links: { added: 0, removed: 0 }, flows: { added: 0, removed: 0 } };
      const refuse = (message: string): GemmaReport => ({ applied: false, ...empty, refused: [{ file: '', row: 0, message }], warnings: [] });
      if (files.length === 0 || files.length > 5) return refuse('Kies de vijf GEMMA-CSV-bestanden of één ArchiMate-bestand.');
      if (files.reduce((n, f) => n + f.size, 0) > MAX_XML_BYTES) return refuse(`De bestanden zijn samen groter dan ${MAX_XML_BYTES / 1_000_000} MB.`);
      const contents = new Map(await Promise.all(files.map(async (f) => [f.name, new Uint8Array(await f.arrayBuffer())] as const)));
      const [only] = files;
      const read =
        files.length === 1 && only && /\.xml$/i.test(only.name)
          ? readGemmaAmeff(contents.get(only.name) ?? new Uint8Array(), only.name, await loadStoredGemma(ctx.db))
          : { ...readGemmaFiles(contents), warnings: [] };
      if (!read.data) return { applied: false, ...empty, refused: read.problems, warnings: read.warnings };
      const plan = await planGemmaImport(ctx.db, read.data);
      const report = { changes: plan.changes, unchanged: plan.unchanged, links: plan.links, flows: plan.flows, refused: [], warnings: read.warnings };
      if (!args.input.apply) return { ...report, applied: false };
      await applyGemmaImport(ctx.db, plan, viewer, files.map((f) => f.name).join(', '), 'IMPORT');
      return { ...report, applied: true };
    },
  }),
);
