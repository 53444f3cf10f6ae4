// Importing a statement of applicability from a file (core/exchange/vvt-file.ts): the plan says per row what would
// change (only the columns the file carries; measures the file does not name are left alone), and refuses every row
// it cannot take with a Dutch message per field. Applying writes the plan's lines in one transaction, each at the
// revision it was planned on and audited (core/vvt-write.ts); a refused row means nothing is written.
import type * as E from '#prisma/generated/sqlite/client/enums.ts';
import { BIO2_SOURCE } from '../bio2.ts';
import { dateNl, isoDay } from '../dates.ts';
import { fieldLabel } from '../labels.ts';
import { VVT_STATES, type VvtLineInput, vvtLineProblems, vvtStateLabel } from '../vvt.ts';
import type { StoredVvtLine } from '../vvt-write.ts';
import { appliesText, type VvtColumn, type VvtFile } from './vvt-file.ts';

type Field = keyof VvtLineInput;

/** The column of each field of a line. */
export const FIELD_COLUMNS: Record<Field, VvtColumn> = {
  applies: 'Van toepassing',
  reason: 'Reden of risicoanalyse',
  state: 'Stand',
  owner: 'Eigenaar',
  evidence: 'Bewijs',
  reviewedOn: 'Laatst beoordeeld',
};
const FIELDS = Object.keys(FIELD_COLUMNS) as Field[];

export interface VvtImportChange {
  field: Field;
  /** The values in words, as the page shows them ("leeg" for none). */
  before: string;
  after: string;
}

/** A row that changes its line. */
export interface VvtImportRow {
  line: number;
  number: string;
  /** No line existed: one is written. */
  created: boolean;
  changes: VvtImportChange[];
  next: VvtLineInput;
  /** The revision the line is written at (null for a new line). */
  expected: number | null;
  stored: StoredVvtLine | null;
}

export interface VvtImportProblem {
  line: number;
  number: string | null;
  field: Field | 'number' | 'revision' | null;
  message: string;
}

export interface VvtImportPlan {
  rows: VvtImportRow[];
  unchanged: number;
  refused: VvtImportProblem[];
}

/** A line nobody wrote yet: what a measure without a line reads as. */
export const EMPTY_LINE: VvtLineInput = {
  applies: null,
  reason: null,
  state: 'NIET_GESTART',
  owner: null,
  evidence: null,
  reviewedOn: null,
};

const APPLIES: Record<string, boolean | null> = {
  '': null,
  ja: true,
  j: true,
  waar: true,
  true: true,
  nee: false,
  n: false,
  onwaar: false,
  false: false,
};

/** A state by its label or its value, in any case; an empty cell is "niet gestart". */
export function readState(text: string): E.VvtState | null {
  const t = text.trim().toLowerCase();
  if (!t) return 'NIET_GESTART';
  return VVT_STATES.find((s) => s.toLowerCase() === t || vvtStateLabel[s].toLowerCase() === t) ?? null;
}

/** A day as YYYY-MM-DD, or D-M-YYYY as Excel-NL writes it; an empty cell is no date; undefined when not a date. */
export function readDay(text: string): Date | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const iso = nl ? `${nl[3]}-${nl[2]?.padStart(2, '0')}-${nl[1]?.padStart(2, '0')}` : t;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const day = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || isoDay(day) !== iso ? undefined : day;
}

/** Line breaks as one character: a browser's form sends CRLF, Excel keeps LF; the text is the same. */
const newlines = (s: string) => s.replace(/\r\n?/g, '\n');
const blank = (s: string | undefined) => (s?.trim() ? newlines(s.trim()) : null);

/** A field's value in words, for the preview. */
export function valueText(field: Field, line: VvtLineInput): string {
  const v = line[field];
  if (field === 'applies') return appliesText(line.applies) || 'nog niet besloten';
  if (field === 'state') return vvtStateLabel[line.state];
  if (v instanceof Date) return dateNl(isoDay(v));
  return typeof v === 'string' && v ? v : 'leeg';
}

const same = (a: VvtLineInput, b: VvtLineInput, field: Field) => {
  const x = a[field];
  const y = b[field];
  return x instanceof Date || y instanceof Date
    ? (x as Date | null)?.getTime() === (y as Date | null)?.getTime()
    : (typeof x === 'string' ? newlines(x) : x) === (typeof y === 'string' ? newlines(y) : y);
};

/**
 * What importing `file` would change in a statement whose lines are `stored`, as of `today`. Rows name measures by
 * number; a number BIO2 does not hold, a moved number, a number twice, a value that cannot be read, a line that breaks
 * vvtLineProblems, or (with a Revisie column) a line changed since the file was exported, is refused.
 */
export function planVvtImport(
  file: VvtFile,
  measures: readonly { number: string; kind: E.Bio2MeasureKind; movedTo: string | null }[],
  stored: readonly StoredVvtLine[],
  today: Date,
): VvtImportPlan {
  const measureOf = new Map(measures.map((m) => [m.number, m]));
  const lineOf = new Map(stored.map((l) => [l.measureNumber, l]));
  const seen = new Map<string, number>();
  const has = (c: VvtColumn) => file.columns.includes(c);
  const plan: VvtImportPlan = { rows: [], unchanged: 0, refused: [] };
  for (const { line, cells } of file.records) {
    const number = (cells.Nummer ?? '').trim();
    const refuse = (field: VvtImportProblem['field'], message: string) =>
      plan.refused.push({ line, number: number || null, field, message });
    const measure = measureOf.get(number);
    if (!number) {
      refuse('number', 'Het nummer van de maatregel ontbreekt.');
      continue;
    }
    if (!measure) {
      refuse('number', `Maatregel ${number} staat niet in de BIO2 (versie ${BIO2_SOURCE.version}).`);
      continue;
    }
    if (measure.kind === 'VERPLAATST') {
      refuse('number', `Maatregel ${number} is verplaatst naar ${measure.movedTo}; gebruik dat nummer.`);
      continue;
    }
    const earlier = seen.get(number);
    if (earlier !== undefined) {
      refuse('number', `Maatregel ${number} staat ook op rij ${earlier}; noem elke maatregel één keer.`);
      continue;
    }
    seen.set(number, line);
    const current = lineOf.get(number) ?? null;
    const next: VvtLineInput = { ...(current ?? EMPTY_LINE) };
    const before = refusedCount(plan);
    const cell = (f: Field) => cells[FIELD_COLUMNS[f]] ?? '';
    if (has(FIELD_COLUMNS.applies)) {
      const applies = APPLIES[cell('applies').trim().toLowerCase()];
      if (applies === undefined)
        refuse(
          'applies',
          `Van toepassing: "${cell('applies')}" is onbekend; gebruik ja, nee of laat leeg (nog niet besloten).`,
        );
      else next.applies = applies;
    }
    if (has(FIELD_COLUMNS.state)) {
      const state = readState(cell('state'));
      if (!state)
        refuse(
          'state',
          `Stand: "${cell('state')}" is onbekend; kies ${VVT_STATES.map((s) => vvtStateLabel[s]).join(', ')}.`,
        );
      else next.state = state;
    }
    if (has(FIELD_COLUMNS.reviewedOn)) {
      const day = readDay(cell('reviewedOn'));
      if (day === undefined)
        refuse('reviewedOn', `Laatst beoordeeld: "${cell('reviewedOn')}" is geen datum; schrijf die als JJJJ-MM-DD.`);
      else next.reviewedOn = day;
    }
    for (const f of ['reason', 'owner', 'evidence'] as const) if (has(FIELD_COLUMNS[f])) next[f] = blank(cell(f));
    if (refusedCount(plan) > before) continue;
    for (const p of vvtLineProblems(next, today))
      refuse(p.field, `${capital(fieldLabel[p.field] ?? p.field)}: ${uncapital(p.message)}`);
    if (refusedCount(plan) > before) continue;
    const changed = FIELDS.filter((f) => !same(current ?? EMPTY_LINE, next, f));
    if (changed.length === 0) {
      plan.unchanged++;
      continue;
    }
    const expected = has('Revisie') ? readRevision(cells.Revisie ?? '') : (current?.revision ?? null);
    if (expected === undefined) {
      refuse('revision', `Revisie: "${cells.Revisie}" is geen revisie; laat de waarde uit de export staan.`);
      continue;
    }
    if (expected !== (current?.revision ?? null)) {
      refuse(
        'revision',
        `Deze regel is na de export gewijzigd (revisie ${expected ?? 'geen'}, nu ${current?.revision ?? 'geen'}); exporteer opnieuw of wijzig hem op de pagina van de maatregel.`,
      );
      continue;
    }
    plan.rows.push({
      line,
      number,
      created: !current,
      changes: changed.map((field) => ({
        field,
        before: valueText(field, current ?? EMPTY_LINE),
        after: valueText(field, next),
      })),
      next,
      expected,
      stored: current,
    });
  }
  return plan;
}

const refusedCount = (plan: VvtImportPlan) => plan.refused.length;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const uncapital = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The Revisie cell: empty for a line not written at export, else a positive whole number; undefined otherwise. */
function readRevision(text: string): number | null | undefined {
  const t = text.trim();
  if (!t) return null;
  return /^[1-9]\d{0,8}$/.test(t) ? Number(t) : undefined;
}

/** Problems of a plan as "Rij 3 (5.01.01): ..." lines, for messages outside the page's table. */
export const problemText = (p: VvtImportProblem) => `Rij ${p.line}${p.number ? ` (${p.number})` : ''}: ${p.message}`;
