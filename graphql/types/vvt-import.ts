// Importing an organisation's statement of applicability from a CSV or Excel file (core/exchange/vvt-import.ts): a
// preview of what changes line by line, then, when asked and nothing is refused, all of it in one transaction. For
// the organisation's editors; the report carries the statement's values, so it answers them only.
import { editorOf } from '#core/access.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { applyVvtImport, previewVvtImport } from '#core/exchange/vvt-exchange.ts';
import { readVvtFile, VVT_MAX_BYTES } from '#core/exchange/vvt-file.ts';
import type { VvtImportChange, VvtImportPlan, VvtImportProblem, VvtImportRow } from '#core/exchange/vvt-import.ts';
import { requiredText, slug } from '#core/input.ts';
import { fieldLabel } from '#core/labels.ts';
import { builder } from '../builder.ts';

type Report = Omit<VvtImportPlan, 'rows'> & { applied: boolean; rows: VvtImportRow[] };

const Change = builder.objectRef<VvtImportChange>('VvtImportChange').implement({
  fields: (t) => ({
    field: t.exposeString('field', { description: 'applies, reason, state, owner, evidence or reviewedOn.' }),
    label: t.string({ description: 'The field in Dutch.', resolve: (c) => fieldLabel[c.field] ?? c.field }),
    before: t.exposeString('before', { description: 'In words, as the page shows it.' }),
    after: t.exposeString('after'),
  }),
});

const Line = builder.objectRef<VvtImportRow>('VvtImportLine').implement({
  description: 'A row of the file that changes a line of the statement.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The row in the file (the header is row 1).' }),
    number: t.exposeString('number', { description: 'The BIO2 measure, e.g. 5.01.01.' }),
    created: t.exposeBoolean('created', { description: 'The measure had no line yet.' }),
    changes: t.field({ type: [Change], resolve: (r) => r.changes }),
  }),
});

const Problem = builder.objectRef<VvtImportProblem>('VvtImportProblem').implement({
  description: 'A row the import refuses, with the field and a Dutch message; row 0 or 1 is the file or its header.',
  fields: (t) => ({
    line: t.exposeInt('line'),
    number: t.exposeString('number', { nullable: true }),
    field: t.exposeString('field', { nullable: true }),
    message: t.exposeString('message'),
  }),
});

const ReportRef = builder.objectRef<Report>('VvtImportReport').implement({
  description: 'What importing the file changes (or changed) in the statement, and what it refuses.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied'),
    changed: t.int({ description: 'Lines changed or written for the first time.', resolve: (r) => r.rows.length }),
    unchanged: t.exposeInt('unchanged', { description: 'Rows that hold what the statement holds.' }),
    rows: t.field({ type: [Line], resolve: (r) => r.rows }),
    refused: t.field({ type: [Problem], resolve: (r) => r.refused }),
  }),
});

const ImportVvtInput = builder.inputType('ImportVvtInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, validate: slug }),
    fileName: t.string({ required: true, validate: requiredText(200) }),
    file: t.field({
      type: 'File',
      required: true,
      description: 'The statement as CSV or .xlsx (the columns of the export), sent as a multipart upload.',
    }),
    apply: t.boolean({ description: 'Apply when nothing is refused; without it, a preview.' }),
  }),
});

builder.mutationField('importVvt', (t) =>
  t.field({
    type: ReportRef,
    errors: mutationErrors('ImportVvt', [ForbiddenError, NotFoundError, ValidationError, ConflictError]),
    description:
      'Imports lines of the organisation’s statement of applicability from a CSV or Excel file: a preview, or (apply) every changed line in one transaction, audited; rows the file does not carry are left alone. For its editors.',
    args: { input: t.arg({ type: ImportVvtInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { organisation, viewer } = await editorOf(ctx.db.prisma, ctx, input.organisation);
      const file = input.file as File;
      const refused = (problems: { line: number; message: string }[]): Report => ({
        applied: false,
        rows: [],
        unchanged: 0,
        refused: problems.map((p) => ({ ...p, number: null, field: null })),
      });
      if (file.size > VVT_MAX_BYTES)
        return refused([{ line: 0, message: `Het bestand is groter dan ${VVT_MAX_BYTES / 1_000_000} MB.` }]);
      const read = await readVvtFile(new Uint8Array(await file.arrayBuffer()), input.fileName);
      if ('problems' in read) return refused(read.problems);
      const preview = await previewVvtImport(ctx.db.prisma, organisation.id, read.file);
      if (!input.apply || preview.refused.length > 0 || preview.rows.length === 0)
        return { ...preview, applied: false };
      const writer = { actor: viewer, source: 'IMPORT' as const, organisationId: organisation.id };
      const plan = await applyVvtImport(ctx.db, writer, ctx.viewer, input.fileName, read.file);
      return { ...plan, applied: true };
    },
  }),
);
