// The algorithms and ENSIA pages of an organisation without their markup: the sentence above each table.
import { aiRiskClassLabel, ensiaFacilityLabel } from './labels.ts';

/** "3 gebruik met een algoritme of AI, waarvan 1 met hoog risico en 1 zonder vermelding in het Algoritmeregister." */
export function algorithmSummary(
  usages: readonly { aiRiskClass: string | null; algorithmRegisterUrl: string | null }[],
): string {
  if (usages.length === 0) return 'Bij geen enkel gebruik is een algoritme of AI-systeem vastgelegd.';
  const high = usages.filter((u) => u.aiRiskClass === 'HIGH' || u.aiRiskClass === 'PROHIBITED').length;
  const unregistered = usages.filter((u) => !u.algorithmRegisterUrl).length;
  const parts = [
    high ? `${high} met hoog risico of verboden` : '',
    unregistered ? `${unregistered} zonder vermelding in het Algoritmeregister` : '',
  ].filter(Boolean);
  return `${usages.length} gebruik met een algoritme of AI${parts.length ? `, waarvan ${parts.join(' en ')}` : ''}.`;
}

/** "4 gebruik in de scope van ENSIA (DigiD 2, BRP 3)", or that none is. */
export function ensiaSummary(
  parts: readonly { facility: keyof typeof ensiaFacilityLabel; usages: readonly { key: string }[] }[],
): string {
  const keys = new Set(parts.flatMap((p) => p.usages.map((u) => u.key)));
  if (keys.size === 0) return 'Geen gebruik met een koppeling naar een landelijke voorziening in de scope van ENSIA.';
  const counts = parts
    .filter((p) => p.usages.length)
    .map((p) => `${ensiaFacilityLabel[p.facility]} ${p.usages.length}`)
    .join(', ');
  return `${keys.size} gebruik in de scope van ENSIA (${counts}).`;
}

/** The filters of the algorithms across the partners, as the address writes them: known values only. */
export function readAlgorithmFilters(
  params: URLSearchParams,
  organisations: readonly { slug: string }[],
): { risico: (keyof typeof aiRiskClassLabel)[]; organisatie: string | null } {
  const risico = (Object.keys(aiRiskClassLabel) as (keyof typeof aiRiskClassLabel)[]).filter((c) =>
    params.getAll('risico').includes(c),
  );
  const asked = params.get('organisatie');
  return { risico, organisatie: organisations.some((o) => o.slug === asked) ? asked : null };
}
