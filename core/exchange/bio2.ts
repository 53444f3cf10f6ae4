// Replacing the BIO2 measures with a (later) version in the caller's transaction: the seed and the BIO2 import both
// write them this way. Statements of applicability keep their lines for numbers still present; lines for numbers
// that disappear go with them (the report names those numbers and how many lines went), and so do processing
// activities' links to them (the foreign key cascades). The import (./bio2-import.ts) refuses a file that would.
import type { Tx } from '../audit.ts';
import { type Bio2MeasureColumns, type Bio2Row, measureColumns } from '../bio2.ts';

export interface Bio2Replacement {
  added: string[];
  removed: string[];
  /** Numbers whose control, theme, kind, move or text changed. */
  changed: string[];
  /** Numbers that are now marked as moved, with where to. */
  moved: { number: string; to: string }[];
  /** Statement lines removed with the numbers that disappeared. */
  statementsRemoved: number;
  total: number;
}

const same = (a: Bio2MeasureColumns, b: Bio2MeasureColumns) =>
  a.control === b.control && a.theme === b.theme && a.kind === b.kind && a.movedTo === b.movedTo && a.text === b.text;

/** What replacing `before` with `rows` changes, without writing (the import shows it before it applies). */
export function bio2Difference(before: readonly Bio2MeasureColumns[], rows: readonly Bio2Row[]) {
  const next = rows.map(measureColumns);
  const old = new Map(before.map((m) => [m.number, m]));
  const nextNumbers = new Set(next.map((m) => m.number));
  return {
    next,
    added: next.filter((m) => !old.has(m.number)).map((m) => m.number),
    removed: before.filter((m) => !nextNumbers.has(m.number)).map((m) => m.number),
    changed: next
      .filter((m) => old.has(m.number) && !same(old.get(m.number) as Bio2MeasureColumns, m))
      .map((m) => m.number),
    moved: next
      .filter((m) => m.movedTo && old.get(m.number)?.movedTo !== m.movedTo)
      .map((m) => ({ number: m.number, to: m.movedTo as string })),
  };
}

/** Writes `rows` as the measures: upserts every number, deletes the numbers no longer present (and their lines). */
export async function replaceBio2Measures(tx: Tx, rows: readonly Bio2Row[]): Promise<Bio2Replacement> {
  const before = await tx.bio2Measure.findMany({ orderBy: { position: 'asc' } });
  const { next, added, removed, changed, moved } = bio2Difference(before, rows);
  const statementsRemoved = removed.length
    ? (await tx.vvtStatement.deleteMany({ where: { measureNumber: { in: removed } } })).count
    : 0;
  if (removed.length) await tx.bio2Measure.deleteMany({ where: { number: { in: removed } } });
  // Positions are unique in no index, so rows can be rewritten in any order.
  for (const m of next) {
    const { number, ...data } = m;
    await tx.bio2Measure.upsert({ where: { number }, create: m, update: data });
  }
  return { added, removed, changed, moved, statementsRemoved, total: next.length };
}
