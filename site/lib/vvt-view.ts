// The statement of applicability page: its lines grouped by theme (moved numbers left out), with a filter on the
// decision or the implementation state, read from the address so it works without JavaScript.
import { themeLabel } from '#core/bio2.ts';
import { VVT_STATES, vvtStateLabel } from '#core/vvt.ts';

export type Theme = keyof typeof themeLabel;
export type State = (typeof VVT_STATES)[number];

/** The filter choices, as the address writes them (?stand=...), with their labels. */
export const FILTERS = {
  open: 'Nog niet besloten',
  nvt: 'Niet van toepassing',
  ...vvtStateLabel,
} as const;
export type Filter = keyof typeof FILTERS;

export const readFilter = (value: string | null): Filter | null =>
  value && Object.hasOwn(FILTERS, value) ? (value as Filter) : null;

interface Measure {
  number: string;
  control: string;
  theme: Theme;
  kind: 'OVERHEIDSMAATREGEL' | 'GEEN_OVERHEIDSMAATREGEL' | 'VERPLAATST';
  text: string | null;
}
interface Line {
  measure: { number: string };
  applies: boolean | null;
  state: State;
}

/** The filter a line falls under: open, nvt or its state. */
export function filterOf(line: Pick<Line, 'applies' | 'state'> | undefined): Filter {
  if (!line || line.applies === null) return 'open';
  return line.applies ? line.state : 'nvt';
}

/** Per theme in ISO's order, the measures that carry a line, each with its line (if written), filtered. */
export function vvtGroups<M extends Measure, L extends Line>(
  measures: readonly M[],
  lines: readonly L[],
  filter: Filter | null,
) {
  const lineOf = new Map(lines.map((l) => [l.measure.number, l]));
  return (Object.keys(themeLabel) as Theme[])
    .map((theme) => ({
      theme,
      label: themeLabel[theme],
      rows: measures
        .filter((m) => m.theme === theme && m.kind !== 'VERPLAATST')
        .map((measure) => ({ measure, line: lineOf.get(measure.number) }))
        .filter((r) => !filter || filterOf(r.line) === filter),
    }))
    .filter((g) => g.rows.length > 0);
}

export const decisionText = (line: Pick<Line, 'applies'> | undefined) =>
  !line || line.applies === null ? 'Nog niet besloten' : line.applies ? 'Ja' : 'Nee';

export const stateText = (line: Pick<Line, 'applies' | 'state'> | undefined) =>
  line?.applies ? vvtStateLabel[line.state] : '–';

export { VVT_STATES, vvtStateLabel };
