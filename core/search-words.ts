// The words of search: names without diacritics, their compact forms and words, and the organisations a query word names (a typo included).
/** Lower case, no diacritics: "Coëvorden" and "coevorden" are the same word. */
export const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The text with everything but letters and digits removed, so "openzaak" finds "Open Zaak". */
export const compact = (text: string) => normalise(text).replace(/[^a-z0-9]/g, '');
/** Names of more than one word run together ("openzaak"); a name of one word is indexed as itself already. */
export const compactForms = (names: string[]) =>
  names
    .filter((n) => /[^\p{L}\p{N}]/u.test(n.trim()))
    .map(compact)
    .join(' ');
/** The words of a text, normalised: "Borger-Odoorn" is "borger" and "odoorn". */
export const words = (text: string) =>
  normalise(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * The names a name stands for: itself, and for "Relatiebeheercomponent (CRM)" also "Relatiebeheercomponent" and
 * "CRM", so an abbreviation in brackets is a name of its own.
 */
export function nameForms(name: string): string[] {
  const bracket = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(name);
  return bracket?.[1] && bracket[2] ? [name, bracket[1], bracket[2]] : [name];
}

/** A word of an organisation's name that says which one it is ("gemeente" says nothing). */
export const GENERIC_ORGANISATION_WORDS = new Set(['gemeente', 'de', 'het', 'van']);
