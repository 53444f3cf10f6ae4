// Imports of landscapes and products: each file is planned, its refusals and notes reported, and applied only when asked
// and nothing is refused (the readers and writers are in core/exchange/).
import { z } from 'zod';
import { editorOf, requireCatalogueEditor } from '#core/access.ts';
import type { Context, Viewer } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { MAX_XML_BYTES } from '#core/exchange/ameff-read.ts';
import type { NotPlaced } from '#core/exchange/archi-read.ts';
import { applyInterfacesImport, planInterfacesImport } from '#core/exchange/interfaces-csv.ts';
import { applyLandscapeImport, planLandscapeImport, refusedOf } from '#core/exchange/landscape-import.ts';
import { applyPubliccodeImport, planPubliccodeImport } from '#core/exchange/publiccode.ts';
import { applySwcImport } from '#core/exchange/swc.ts';
import type { SwcColumn } from '#core/exchange/swc-columns.ts';
import { planSwcImport } from '#core/exchange/swc-plan.ts';
import type { RowProblem } from '#core/exchange/usages-csv.ts';
import { parseInput, requiredText, slug } from '#core/input.ts';
import { builder, type Types } from '../builder.ts';

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
  description:
    'Elements or relationships of an ArchiMate model the import does not place, with the reason: information, not a refusal.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'ArchiMate element or relationship type, "View" or "Eigenschap".' }),
    count: t.exposeInt('count'),
    name: t.exposeString('name', {
      nullable: true,
      description: 'The element or relationship; null for a count of a whole type.',
    }),
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
  fields: (t) => ({
    line: t.exposeInt('line', { description: '0 for the file as a whole, 1 for the header.' }),
    message: t.exposeString('message'),
  }),
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
  description:
    'What an import adds, changes, leaves alone and refuses; applied only when asked and nothing was refused.',
  fields: (t) => ({
    ...outcomeFields(t),
    notes: t.exposeStringList('notes', {
      description: 'How the file was read, in Dutch: which product and supplier were recognised, and why.',
    }),
    warnings: t.exposeStringList('warnings', {
      description: 'Deviations read anyway and points to check, in Dutch; they do not stop the import.',
    }),
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
  const input = parseInput(
    z.object({ organisation: slug, fileName: requiredText(200), apply: z.boolean().nullish() }),
    {
      organisation: raw.organisation,
      fileName: raw.fileName,
      apply: raw.apply,
    },
  );
  const { viewer } = await editorOf(ctx.db.prisma, ctx, input.organisation);
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
    rows: planned.rows.map((r) => ({
      line: r.line,
      key: r.key,
      action: r.action,
      product: r.product ?? '',
      changes: r.changes ?? [],
    })),
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
          const plan = await planLandscapeImport(ctx.db, organisation, bytes, undefined, {
            addUnknownProducts: Boolean(args.input.addUnknownProducts),
          });
          if (!plan) return null;
          const koppelingen = (plan.interfaces?.rows ?? []).map((r) => ({ ...r, product: 'Koppeling' }));
          return {
            rows: [...plan.rows, ...koppelingen],
            refused: refusedOf(plan),
            notPlaced: plan.notPlaced,
            placed: plan.placed,
            plan,
          };
        },
        (planned, viewer, fileName) => applyLandscapeImport(ctx.db, planned.plan, viewer, fileName, 'IMPORT'),
      ),
  }),
);

const SwcColumnRef = builder.objectRef<SwcColumn>('SoftwarecatalogusColumn').implement({
  description: 'A column of the file and what the import does with it.',
  fields: (t) => ({
    column: t.exposeString('column'),
    treatment: t.exposeString('treatment', {
      description: 'MAPPED (to a Grondplan field), KEPT (on the usage, written back on export) or IGNORED.',
    }),
    target: t.exposeString('target', { description: 'In Dutch: what the column becomes.' }),
  }),
});
type SwcReport = ImportReport & { columns: SwcColumn[]; remarks: RowProblem[] };
const SwcImportReportRef = builder.objectRef<SwcReport>('SoftwarecatalogusImportReport').implement({
  description:
    'What a Softwarecatalogus import adds, changes, leaves alone and refuses, what it does with every column, and what it could not place.',
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
          const plan = await planSwcImport(ctx.db, organisation, bytes, {
            addUnknownProducts: Boolean(args.input.addUnknownProducts),
          });
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
          const changes = [
            ...plan.changes,
            ...(plan.supplier.isNew ? [`nieuwe leverancier ${plan.supplier.name}`] : []),
          ];
          const rows = plan.slug ? [{ line: 1, key: plan.slug, product: plan.name, action: plan.action, changes }] : [];
          const notes = plan.slug
            ? [
                `Pakket ${plan.name}: ${plan.recognised}.`,
                `Leverancier ${plan.supplier.name}: ${plan.supplier.reason}.`,
              ]
            : [];
          return { rows, refused, notes, warnings: plan.warnings, plan };
        },
        async (planned, viewer, fileName) => {
          const org = await ctx.db.prisma.organisation.findUniqueOrThrow({
            where: { slug: args.input.organisation },
            select: { id: true },
          });
          return applyPubliccodeImport(ctx.db, planned.plan, viewer, fileName, org.id);
        },
      ),
  }),
);
