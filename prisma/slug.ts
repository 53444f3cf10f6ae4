// Slugs: the one way a name becomes the lower-case, hyphenated part of an address or a key, for the catalogue, the
// importers and the synthetic dataset alike.

/** "Gemeente Coëvorden" -> "gemeente-coevorden": no diacritics, lower case, one hyphen for every run of anything else. */
export const slugify = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
