// The words of the BIO2 import page (site/pages/bio2/inlezen.astro): what happens to each measure, and the outcome.

export interface Bio2ImportChange {
  number: string;
  action: string;
  fields: readonly string[];
  movedTo?: string | null;
}

export interface Bio2ImportOutcome {
  applied: boolean;
  added: readonly string[];
  changed: readonly string[];
  removed: readonly string[];
  unchanged: number;
  linesOnMoved: number;
  refused: readonly unknown[];
}

/** What happens to one measure, in Dutch: "Toevoegen", "Wijzigen: tekst", "Verplaatsen naar 5.10.02", "Verwijderen". */
export function bio2ChangeText(c: Bio2ImportChange, applied: boolean): string {
  if (c.action === 'ADD') return applied ? 'Toegevoegd' : 'Toevoegen';
  if (c.action === 'REMOVE') return applied ? 'Verwijderd' : 'Verwijderen';
  const verb = applied ? 'Gewijzigd' : 'Wijzigen';
  if (c.movedTo && c.fields.includes('verplaatst_naar'))
    return `${applied ? 'Verplaatst' : 'Verplaatsen'} naar ${c.movedTo}`;
  return c.fields.length ? `${verb}: ${c.fields.join(', ')}` : verb;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The outcome in one sentence, for the status line. */
export function bio2OutcomeText(r: Bio2ImportOutcome): string {
  if (r.refused.length) return `${count(r.refused.length, 'probleem', 'problemen')}: er is niets veranderd.`;
  const figures = `${r.added.length} toegevoegd, ${r.changed.length} gewijzigd, ${r.removed.length} verwijderd en ${r.unchanged} ongewijzigd`;
  const lines = r.linesOnMoved
    ? ` ${count(r.linesOnMoved, 'regel', 'regels')} van verklaringen bij maatregelen die nu verplaatst zijn ${r.linesOnMoved === 1 ? 'blijft' : 'blijven'} bewaard onder het oude nummer; organisaties nemen hun besluit over bij het nieuwe nummer.`
    : '';
  if (r.applied) return `Ingelezen in één keer: ${figures}. Het staat in de wijzigingsgeschiedenis.${lines}`;
  if (r.added.length + r.changed.length + r.removed.length === 0)
    return `Niets te wijzigen: alle ${r.unchanged} maatregelen zijn gelijk aan de opgeslagen BIO2.`;
  return `Proefrun, er is niets veranderd: ${figures}.${lines} Kies "Inlezen" en lees het bestand opnieuw in om dit door te voeren.`;
}
