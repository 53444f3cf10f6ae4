// Exports of a landscape in the formats other tools read; the files themselves are built in graphql/exchange/.
import { z } from 'zod';
import { requireEditor } from '../access.ts';
import { builder } from '../builder.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '../errors.ts';
import { toAmeff } from '../exchange/ameff.ts';
import { readUsagesAmeff } from '../exchange/ameff-read.ts';
import { applyInterfacesImport, planInterfacesImport } from '../exchange/interfaces-csv.ts';
import { loadLandscape } from '../exchange/load.ts';
import { applyUsagesImport, MAX_BYTES, planUsagesImport, readUsagesCsv, toUsagesCsv } from '../exchange/usages-csv.ts';
import { readUsagesXlsx, toUsagesXlsx } from '../exchange/usages-xlsx.ts';
import { parseInput, requiredText, slug } from '../input.ts';
import { Organisation } from './organisation.ts';

builder.prismaObjectFields(Organisation, (t) => ({
  usagesCsv: t.string({
    authScopes: { signedIn: true },
    description: 'The usages as a Softwarecatalogus-style CSV (UTF-8 with BOM, semicolons; formulas neutralised).',
    select: { slug: true },
    resolve: async (o, _args, ctx) => {
      const landscape = await loadLandscape(ctx.db, o.slug);
      return landscape ? toUsagesCsv(landscape) : '';
    },
  }),
  usagesXlsx: t.string({
    authScopes: { signedIn: true },
    description: 'The usages as an Excel workbook (.xlsx) with the CSV columns, base64-encoded.',
    select: { slug: true },
    resolve: async (o, _args, ctx) => {
      const landscape = await loadLandscape(ctx.db, o.slug);
      return landscape ? Buffer.from(await toUsagesXlsx(landscape)).toString('base64') : '';
    },
  }),
  ameff: t.string({
    authScopes: { signedIn: true },
    description:
      'The landscape as an ArchiMate Model Exchange File (ArchiMate 3.1, opens in Archi): usages, the GEMMA reference components they specialise (GEMMA object ids kept), national facilities, koppelingen as flows, a view per Common Ground layer.',
    select: { slug: true },
    resolve: async (o, _args, ctx) => {
      const landscape = await loadLandscape(ctx.db, o.slug);
      return landscape ? toAmeff(landscape) : '';
    },
  }),
}));

interface ImportReport {
  applied: boolean;
  added: number;
  changed: number;
  unchanged: number;
  rows: { line: number; key: string; product: string; action: string; changes: string[] }[];
  refused: { line: number; message: string }[];
}

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
const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  description: 'What an import adds, changes, leaves alone and refuses; applied only when asked and nothing was refused.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied'),
    added: t.exposeInt('added'),
    changed: t.exposeInt('changed'),
    unchanged: t.exposeInt('unchanged'),
    rows: t.field({ type: [ImportLineRef], resolve: (r) => r.rows }),
    refused: t.field({ type: [RefusedLineRef], resolve: (r) => r.refused }),
  }),
});

const ImportUsagesInput = builder.inputType('ImportUsagesInput', {
  fields: (t) => ({
    organisation: t.string({ required: true }),
    fileName: t.string({ required: true }),
    file: t.field({ type: 'File', required: true, description: 'The CSV, .xlsx or ArchiMate exchange file, sent as a multipart upload.' }),
    apply: t.boolean({ description: 'Apply when nothing is refused; without it, a dry run.' }),
  }),
});

builder.mutationField('importUsages', (t) =>
  t.field({
    type: ImportReportRef,
    errors: mutationErrors('ImportUsages', [ForbiddenError, NotFoundError, ValidationError]),
    description: 'Imports usages from a Softwarecatalogus-style CSV or Excel file into the own organisation: a dry run first, then in one transaction.',
    args: { input: t.arg({ type: ImportUsagesInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(z.object({ organisation: slug, fileName: requiredText(200), apply: z.boolean().nullish() }), {
        organisation: args.input.organisation,
        fileName: args.input.fileName,
        apply: args.input.apply,
      });
      const org = await ctx.db.prisma.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
      if (!org) throw new NotFoundError('Organisatie', input.organisation);
      const viewer = requireEditor(ctx, org.id);
      const file = args.input.file as File;
      if (file.size > MAX_BYTES)
        return {
          applied: false,
          added: 0,
          changed: 0,
          unchanged: 0,
          rows: [],
          refused: [{ line: 0, message: `Het bestand is groter dan ${MAX_BYTES / 1_000_000} MB.` }],
        };
      const bytes = new Uint8Array(await file.arrayBuffer());
      // An .xlsx file is a zip archive (starts with "PK"), an ArchiMate file is XML; anything else is read as CSV.
      const head = new TextDecoder()
        .decode(bytes.slice(0, 200))
        .replace(/^\uFEFF/, '')
        .trimStart();
      const { records, problems } =
        bytes[0] === 0x50 && bytes[1] === 0x4b ? await readUsagesXlsx(bytes) : head.startsWith('<') ? readUsagesAmeff(bytes) : readUsagesCsv(bytes);
      const empty = { applied: false, added: 0, changed: 0, unchanged: 0, rows: [] };
      if (problems.length) return { ...empty, refused: problems };
      const plan = await planUsagesImport(ctx.db, input.organisation, records);
      if (!plan) throw new NotFoundError('Organisatie', input.organisation);
      const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
      const report = { rows: plan.rows.map(({ data: _data, ...r }) => r), refused: plan.refused, unchanged: count('UNCHANGED') };
      if (!input.apply || plan.refused.length) return { ...report, applied: false, added: count('ADD'), changed: count('CHANGE') };
      const result = await applyUsagesImport(ctx.db, plan, viewer, input.fileName, 'IMPORT');
      return { ...report, applied: true, ...result };
    },
  }),
);

const ImportInterfacesInput = builder.inputType('ImportInterfacesInput', {
  fields: (t) => ({
    organisation: t.string({ required: true }),
    fileName: t.string({ required: true }),
    file: t.field({ type: 'File', required: true, description: 'The koppelingen CSV, sent as a multipart upload.' }),
    apply: t.boolean({ description: 'Apply when nothing is refused; without it, a dry run.' }),
  }),
});

builder.mutationField('importInterfaces', (t) =>
  t.field({
    type: ImportReportRef,
    errors: mutationErrors('ImportInterfaces', [ForbiddenError, NotFoundError, ValidationError]),
    description: 'Imports koppelingen from CSV into the own organisation: a dry run first, then in one transaction.',
    args: { input: t.arg({ type: ImportInterfacesInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(z.object({ organisation: slug, fileName: requiredText(200), apply: z.boolean().nullish() }), {
        organisation: args.input.organisation,
        fileName: args.input.fileName,
        apply: args.input.apply,
      });
      const org = await ctx.db.prisma.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
      if (!org) throw new NotFoundError('Organisatie', input.organisation);
      const viewer = requireEditor(ctx, org.id);
      const plan = await planInterfacesImport(ctx.db, input.organisation, new Uint8Array(await (args.input.file as File).arrayBuffer()));
      if (!plan) throw new NotFoundError('Organisatie', input.organisation);
      const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
      const report = {
        rows: plan.rows.map((r) => ({ line: r.line, key: r.key, product: '', action: r.action, changes: [] })),
        refused: plan.refused,
        added: count('ADD'),
        changed: count('CHANGE'),
        unchanged: count('UNCHANGED'),
      };
      if (!input.apply || plan.refused.length) return { ...report, applied: false };
      await applyInterfacesImport(ctx.db, plan, viewer, input.fileName, 'IMPORT');
      return { ...report, applied: true };
    },
  }),
);
