// The share page of a statement of applicability: its choices, and who can read the statement under a setting, in
// Dutch sentences (core/vvt.ts mayReadVvt is the rule; this says it).
import { VVT_SHARE_MODES } from '#core/vvt.ts';

export const SHARE_MODES = VVT_SHARE_MODES;
export type ShareMode = (typeof SHARE_MODES)[number];

/** Who can read the statement of `name` under `share`, one sentence each. */
export function shareReaders(
  name: string,
  share: { mode: ShareMode; partners: readonly { name: string }[] },
): string[] {
  const own = `Alle leden van ${name}.`;
  if (share.mode === 'ALL_MEMBERS')
    return [own, 'Elke aangemelde gebruiker die lid is van een organisatie in Grondplan.'];
  if (share.mode === 'NAMED' && share.partners.length)
    return [own, ...share.partners.map((p) => `De leden van ${p.name}.`)];
  return [own, 'Niemand anders: beheerders van Grondplan en andere organisaties niet.'];
}
