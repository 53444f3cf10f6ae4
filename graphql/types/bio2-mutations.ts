// Reading a later version of BIO2's overheidsmaatregelen.csv (core/exchange/bio2-import.ts): a preview of the
// measures it adds, changes, moves and removes, then, when asked and nothing is refused, all of it in one transaction
// with one audit event. For instance administrators: the measures are reference data every statement rests on.
import { requireInstanceAdmin } from '#core/access.ts';
import { ForbiddenError, mutationErrors } from '#core/errors.ts';
import { applyBio2Import, type Bio2Change, type Bio2Plan, planBio2Import } from '#core/exchange/bio2-import.ts';
import { BIO2_MAX_BYTES, readBio2Csv } from '#core/exchange/bio2-read.ts';
import type { RowProblem } from '#core/exchange/file-text.ts';
import { builder } from '../builder.ts';

type Report = Omit<Bio2Plan, 'refused'> & { applied: boolean; fileName: string; refused: RowProblem[] };

const Move = builder.objectRef<{ number: string; to: string }>('Bio2Move').implement({
  fields: (t) => ({
    number: t.exposeString('number'),
    to: t.exposeString('to', { description: 'The new number.' }),
  }),
});

const Change = builder.objectRef<Bio2Change>('Bio2ImportChange').implement({
  description: 'A measure the file adds, changes or removes.',
  fields: (t) => ({
    number: t.exposeString('number'),
    action: t.exposeString('action', { description: 'ADD, CHANGE or REMOVE.' }),
    fields: t.exposeStringList('fields', { description: "The file's columns that differ, for a change." }),
    movedTo: t.exposeString('movedTo', { nullable: true, description: 'The new number, for a moved measure.' }),
  }),
});

const Problem = builder.objectRef<RowProblem>('Bio2ImportProblem').implement({
  description: 'Why the file is refused (Dutch); line 0 is the file as a whole.',
  fields: (t) => ({ line: t.exposeInt('line'), message: t.exposeString('message') }),
});

const ReportRef = builder.objectRef<Report>('Bio2ImportReport').implement({
  description: 'What reading the file changes (or changed) in the BIO2 measures, and what it refuses.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied'),
    fileName: t.exposeString('fileName'),
    changes: t.field({ type: [Change], resolve: (r) => r.changes }),
    added: t.exposeStringList('added', { description: 'Numbers new in the file.' }),
    changed: t.exposeStringList('changed', {
      description: 'Numbers whose control, theme, kind, move or text changed.',
    }),
    removed: t.exposeStringList('removed', { description: 'Numbers no longer in the file (none with lines).' }),
    moved: t.field({
      type: [Move],
      description: 'Numbers the file marks as moved that were not.',
      resolve: (r) => r.moved,
    }),
    unchanged: t.exposeInt('unchanged'),
    total: t.exposeInt('total', { description: 'Measures in the file.' }),
    linesOnMoved: t.exposeInt('linesOnMoved', {
      description: 'Statement lines on numbers that now move; they are kept under the old number.',
    }),
    refused: t.field({ type: [Problem], resolve: (r) => r.refused }),
  }),
});

const ImportBio2Input = builder.inputType('ImportBio2Input', {
  fields: (t) => ({
    file: t.field({ type: 'File', required: true, description: 'A later overheidsmaatregelen.csv.' }),
    apply: t.boolean({ description: 'Apply when nothing is refused; without it, a preview.' }),
  }),
});

const nothing = {
  changes: [],
  added: [],
  changed: [],
  removed: [],
  moved: [],
  unchanged: 0,
  total: 0,
  linesOnMoved: 0,
};

builder.mutationField('importBio2', (t) =>
  t.field({
    type: ReportRef,
    errors: mutationErrors('ImportBio2', [ForbiddenError]),
    description:
      "Replaces the BIO2 measures with a later version of the source's overheidsmaatregelen.csv; refuses a file that drops a number statements have lines for. For instance administrators.",
    args: { input: t.arg({ type: ImportBio2Input, required: true }) },
    resolve: async (_root, args, ctx): Promise<Report> => {
      const viewer = requireInstanceAdmin(ctx, 'Alleen beheerders van Grondplan mogen de BIO2-maatregelen inlezen.');
      const file = args.input.file as File;
      const fileName = (file.name || 'overheidsmaatregelen.csv').slice(0, 200);
      const refuse = (refused: RowProblem[]): Report => ({ applied: false, fileName, ...nothing, refused });
      if (file.size > BIO2_MAX_BYTES)
        return refuse([{ line: 0, message: `Het bestand is groter dan ${BIO2_MAX_BYTES / 1_000_000} MB.` }]);
      const read = readBio2Csv(new Uint8Array(await file.arrayBuffer()));
      if ('problems' in read) return refuse(read.problems);
      const plan = args.input.apply
        ? await applyBio2Import(ctx.db, read.rows, viewer, fileName)
        : await planBio2Import(ctx.db.prisma, read.rows);
      const refused = plan.refused.map((message) => ({ line: 0, message }));
      return { ...plan, fileName, refused, applied: Boolean(args.input.apply) && refused.length === 0 };
    },
  }),
);
