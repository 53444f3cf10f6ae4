// Statements of applicability side by side (the partners' joint programme): per BIO2 measure, grouped by theme, each
// organisation's decision and state, or that its statement is not shared with the reader; filtered on a theme and on
// the measures where the statements that can be read differ.
import type * as E from '#prisma/generated/sqlite/client/enums.ts';
import { hasStatementLine, THEMES } from './bio2.ts';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

export interface ComparedLine {
  measureNumber: string;
  applies: boolean | null;
  state: E.VvtState;
}

/** One organisation's column: its lines when the reader may read them, else null ("niet gedeeld"). */
export interface ComparedColumn<L extends ComparedLine = ComparedLine> {
  lines: readonly L[] | null;
}

/** A measure's cell in one column: not shared, no line yet, or the line. */
export type ComparedCell<L> = { shared: false } | { shared: true; line: L | null };

/** What a line says for the comparison: undecided, not applicable, or applicable in its state. */
export const decisionKey = (line: Pick<ComparedLine, 'applies' | 'state'> | null): string =>
  !line || line.applies === null ? 'open' : line.applies ? line.state : 'nvt';

/**
 * Per theme in ISO's order, the measures that carry a line with one cell per column; `differs` when two readable
 * columns say something else (undecided, not applicable or the state). With `onlyDifferences`, the other measures
 * are left out; with `theme`, the other themes; themes without measures left are left out.
 */
export function compareVvt<
  M extends { number: string; theme: E.Bio2Theme; kind: E.Bio2MeasureKind },
  L extends ComparedLine,
>(
  measures: readonly M[],
  columns: readonly ComparedColumn<L>[],
  filter: { onlyDifferences?: boolean; theme?: E.Bio2Theme | null } = {},
) {
  const lineOf = columns.map((c) => (c.lines ? new Map(c.lines.map((l) => [l.measureNumber, l])) : null));
  return THEMES.filter((theme) => !filter.theme || filter.theme === theme)
    .map((theme) => ({
      theme,
      rows: measures
        .filter((m) => m.theme === theme && hasStatementLine(m))
        .map((measure) => {
          const cells: ComparedCell<L>[] = lineOf.map((lines) =>
            lines ? { shared: true, line: lines.get(measure.number) ?? null } : { shared: false },
          );
          const said = new Set(cells.flatMap((c) => (c.shared ? [decisionKey(c.line)] : [])));
          return { measure, cells, differs: said.size > 1 };
        })
        .filter((r) => !filter.onlyDifferences || r.differs),
    }))
    .filter((g) => g.rows.length > 0);
}
