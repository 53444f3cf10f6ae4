// The page that puts statements of applicability side by side: the choice read from the address (?organisatie= two to
// four times, ?verschillen=ja, ?thema=), so the GET form works without JavaScript, and what each cell says.
import { themeLabel } from '#core/bio2.ts';
import { vvtStateLabel } from '#core/vvt.ts';
import { MAX_COMPARED, MIN_COMPARED } from '#core/vvt-compare.ts';

export type Theme = keyof typeof themeLabel;

export interface CompareChoice {
  /** Known organisations in the order asked, each once, at most MAX_COMPARED. */
  chosen: string[];
  /** Why the choice cannot be compared (too few, too many, unknown), in Dutch; null when it can. */
  problem: string | null;
  onlyDifferences: boolean;
  theme: Theme | null;
}

export function readCompareChoice(params: URLSearchParams, known: readonly string[]): CompareChoice {
  const asked = [...new Set(params.getAll('organisatie').filter(Boolean))];
  const unknown = asked.filter((s) => !known.includes(s));
  const chosen = asked.filter((s) => known.includes(s));
  const themeAsked = params.get('thema');
  const theme = themeAsked && Object.hasOwn(themeLabel, themeAsked) ? (themeAsked as Theme) : null;
  let problem: string | null = null;
  if (unknown.length) problem = `Onbekende organisatie: ${unknown.join(', ')}.`;
  else if (chosen.length > MAX_COMPARED)
    problem = `Kies ten hoogste ${MAX_COMPARED} organisaties; je koos er ${chosen.length}.`;
  else if (asked.length > 0 && chosen.length < MIN_COMPARED) problem = `Kies ten minste ${MIN_COMPARED} organisaties.`;
  return {
    chosen: chosen.slice(0, MAX_COMPARED),
    problem,
    onlyDifferences: params.get('verschillen') === 'ja',
    theme,
  };
}

/** Whether the choice holds enough organisations to compare (the page asks the API only then). */
export const comparable = (c: CompareChoice) => !c.problem && c.chosen.length >= MIN_COMPARED;

/** A cell in words: not shared, not decided, not applicable, or applicable with its state. */
export function cellText(
  cell:
    | { shared: false }
    | { shared: true; line: { applies: boolean | null; state: keyof typeof vvtStateLabel } | null },
): string {
  if (!cell.shared) return 'Niet gedeeld';
  const line = cell.line;
  if (!line || line.applies === null) return 'Nog niet besloten';
  return line.applies ? `Ja: ${vvtStateLabel[line.state].toLowerCase()}` : 'Niet van toepassing';
}
