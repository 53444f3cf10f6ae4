// The lines `npm run import` prints: one per planned change, its action in a column of its own, so that the label and
// what follows never run together ("ongewijzigdpakket").

export const ACTION_LABELS = {
  ADD: 'toevoegen',
  CHANGE: 'wijzigen',
  UNCHANGED: 'ongewijzigd',
  REFUSED: 'geweigerd',
  WARNING: 'waarschuwing',
  /** A line that explains rather than acts, such as the supplier a file was matched to. */
  NOTE: '',
} as const;
type LineAction = keyof typeof ACTION_LABELS;

/** The widest label and one space: every line's text starts in the same column. */
const WIDTH = Math.max(...Object.values(ACTION_LABELS).map((label) => label.length)) + 1;

/** One line of a plan: the action's Dutch label, padded, then the text. */
export const planLine = (action: LineAction, text: string) => `${ACTION_LABELS[action].padEnd(WIDTH)}${text}`;
