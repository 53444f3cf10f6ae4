// The usage page (/organisaties/[slug]/gebruik/[key]) without its markup: the form's values from a stored usage, the
// dates and loads as text, the other end of a koppeling as posted, and the confirmation before deleting a koppeling.
import { STATUS_DATE, type StatusDateKey, USAGE_STATUSES } from '#core/usage-status.ts';
import type { PendingConfirmation } from './forms.ts';
import {
  type aiRiskClassLabel,
  type criticalityLabel,
  dateNl,
  type directionText,
  type dpiaCriterionLabel,
  type dpiaLabel,
  type ensiaFacilityLabel,
  interfaceStatusLabel,
  interfaceTypeLabel,
  type pentestStateLabel,
  type timeLabel,
  type usageStatusLabel,
} from './labels.ts';
import type { UsageFormValues } from './usage-form.ts';

type Status = keyof typeof usageStatusLabel;
type StatusDates = Record<StatusDateKey, string | null>;

/** A stored usage as its page shows it (UsageDetails.astro) and its edit form starts from. */
export interface UsageRecord {
  statusDates: StatusDates;
  organisation: { slug: string };
  product: { slug: string };
  version: { name: string } | null;
  operator: { slug: string; name: string } | null;
  pendingOperator: { slug: string; name: string } | null;
  registeredFor: readonly { name: string }[];
  referenceComponents: readonly { gemmaId: string; name: string }[];
  contact: string | null;
  biv: { availability: number | null; integrity: number | null; confidentiality: number | null };
  personalData: boolean;
  dpiaStatus: keyof typeof dpiaLabel | null;
  dpiaDate: string | null;
  processorAgreement: boolean | null;
  criticality: keyof typeof criticalityLabel | null;
  time: keyof typeof timeLabel | null;
  beheerLoad: readonly { role: string; fte: number }[];
  contractEndsOn: string | null;
  yearlyCost: number | null;
  internalNote: string | null;
  experience: string | null;
  riskAssessmentDate: string | null;
  pentestDate: string | null;
  pentestState: keyof typeof pentestStateLabel | null;
  dpiaCriteria: readonly (keyof typeof dpiaCriterionLabel)[] | null;
  dpiaRequired: boolean | null;
  dpiaMissing: boolean | null;
  riskAssessmentDue: { reason: string; changedOn: string | null; fields: readonly string[] } | null;
  algorithmForResidents: boolean | null;
  aiRiskClass: keyof typeof aiRiskClassLabel | null;
  humanOversight: string | null;
  algorithmRegisterUrl: string | null;
  ensiaScope: readonly (keyof typeof ensiaFacilityLabel)[];
}
/** A koppeling of a usage, either way, as its page lists it (UsageInterfaces.astro). */
export interface UsageKoppeling {
  id: string;
  key: string;
  revision: number;
  type: keyof typeof interfaceTypeLabel;
  direction: keyof typeof directionText;
  status: keyof typeof interfaceStatusLabel;
  copiesData: boolean;
  pendingConsent: boolean;
  from: { id: string; product: { name: string } };
  to: { id: string; product: { name: string }; organisation: { slug: string; name: string } } | null;
  externalService: { name: string } | null;
}

/** The edit form's values for a stored usage. */
export const formValuesOf = (u: UsageRecord): UsageFormValues => ({
  product: u.product.slug,
  version: u.version?.name ?? '',
  referenceComponents: u.referenceComponents.map((c) => c.gemmaId),
  // A pending proposal stays the choice: saving other fields must not withdraw it.
  operator: u.pendingOperator?.slug ?? u.operator?.slug ?? '',
  contact: u.contact ?? '',
  availability: u.biv.availability?.toString() ?? '',
  integrity: u.biv.integrity?.toString() ?? '',
  confidentiality: u.biv.confidentiality?.toString() ?? '',
  personalData: u.personalData,
  dpiaStatus: u.dpiaStatus ?? '',
  dpiaDate: u.dpiaDate ?? '',
  processorAgreement: u.processorAgreement === null ? '' : u.processorAgreement ? 'ja' : 'nee',
  criticality: u.criticality ?? '',
  time: u.time ?? '',
  beheerLoad: Object.fromEntries(u.beheerLoad.map((l) => [l.role, String(l.fte)])),
  contractEndsOn: u.contractEndsOn ?? '',
  yearlyCost: u.yearlyCost?.toString() ?? '',
  internalNote: u.internalNote ?? '',
  experience: u.experience ?? '',
  riskAssessmentDate: u.riskAssessmentDate ?? '',
  pentestDate: u.pentestDate ?? '',
  pentestState: u.pentestState ?? '',
  dpiaCriteria: [...(u.dpiaCriteria ?? [])],
  algorithmForResidents: u.algorithmForResidents === null ? '' : u.algorithmForResidents ? 'ja' : 'nee',
  aiRiskClass: u.aiRiskClass ?? '',
  humanOversight: u.humanOversight ?? '',
  algorithmRegisterUrl: u.algorithmRegisterUrl ?? '',
});

/** The DPIA criteria as the usage page says them: "DPIA vereist: 3 van 9 criteria" (two or more), else how many apply. */
export function dpiaCriteriaText(criteria: readonly string[] | null, required: boolean | null): string {
  const count = criteria?.length ?? 0;
  if (required) return `DPIA vereist: ${count} van 9 criteria`;
  return count === 0 ? 'Geen criteria aangevinkt' : `Geen DPIA vereist: ${count} van 9 criteria`;
}

/** Why a risk assessment is due, in words; null when none is. */
export function riskAssessmentText(
  due: { reason: string; changedOn: string | null; fields: readonly string[] } | null,
  fieldLabel: Record<string, string>,
): string | null {
  if (!due) return null;
  if (due.reason === 'NEW') return 'Risicoanalyse nodig: nieuw systeem (verwerving of gepland) zonder risicoanalyse';
  const fields = due.fields.map((f) => fieldLabel[f] ?? f).join(', ');
  return `Risicoanalyse nodig: ${fields} gewijzigd${due.changedOn ? ` (laatst op ${dateNl(due.changedOn.slice(0, 10))})` : ''}, na de laatste risicoanalyse`;
}

/** Every recorded status date: "In productie sinds 1 maart 2025 · Uit te faseren sinds …", or "–". */
export const statusDatesText = (dates: StatusDates, labels: Record<Status, string>) =>
  USAGE_STATUSES.flatMap((s) => {
    const d = dates[STATUS_DATE[s].key];
    return d ? [`${labels[s]} sinds ${dateNl(d)}`] : [];
  }).join(' · ') || '–';

const ROLE_WORD: Record<string, string> = {
  FUNCTIONAL_MANAGEMENT: 'functioneel',
  APPLICATION_MANAGEMENT: 'applicatie',
  TECHNICAL_MANAGEMENT: 'technisch',
};
/** The beheer load per role: "functioneel 0,5 fte, technisch 1 fte", or "–". */
export const beheerLoadText = (load: readonly { role: string; fte: number }[]) =>
  load.map((l) => `${ROLE_WORD[l.role] ?? l.role} ${l.fte.toLocaleString('nl-NL')} fte`).join(', ') || '–';

/** The other end of a koppeling as the form posts it (`gebruik:<id>` or `voorziening:<GEMMA id>`), as the API takes it. */
export const targetInput = (target: string) => ({
  to: target.startsWith('gebruik:') ? target.slice(8) : null,
  externalService: target.startsWith('voorziening:') ? target.slice(12) : null,
});

/** The notice after a change went through (`?opgeslagen=<actie>`). */
export const savedText: Record<string, string> = {
  bewerken: 'De wijzigingen zijn opgeslagen.',
  status: 'De status is gewijzigd.',
  'koppeling-toevoegen': 'De koppeling is toegevoegd.',
  'koppeling-verwijderen': 'De koppeling is verwijderd.',
  'koppeling-bewerken': 'De koppeling is opgeslagen.',
  aanmaken: 'Het gebruik is toegevoegd.',
};

type DeletableKoppeling = Pick<UsageKoppeling, 'id' | 'key' | 'revision' | 'type' | 'status' | 'externalService'> & {
  from: { id: string };
  to: { product: { name: string }; organisation: { slug: string; name: string } } | null;
};
/**
 * The confirmation before deleting one of a usage's own koppelingen: it names the koppeling and what else it touches
 * (the other organisation's side). Null when the usage has no such koppeling (any more).
 */
export function deleteInterfaceConfirmation(
  usage: {
    id: string;
    product: { name: string };
    organisation: { slug: string; name: string };
    interfaces: readonly DeletableKoppeling[];
  },
  id: string,
  pathname: string,
): PendingConfirmation | null {
  const doomed = usage.interfaces.find((i) => i.id === id && i.from.id === usage.id);
  if (!doomed) return null;
  const other = doomed.to?.product.name ?? doomed.externalService?.name ?? 'onbekend';
  const otherOrganisation =
    doomed.to && doomed.to.organisation.slug !== usage.organisation.slug ? doomed.to.organisation.name : null;
  return {
    title: `Koppeling naar ${other} verwijderen?`,
    lead: `De koppeling ${doomed.key} van ${usage.product.name} naar ${other} (${interfaceTypeLabel[doomed.type]}, ${interfaceStatusLabel[doomed.status].toLowerCase()}) wordt verwijderd. De wijzigingsgeschiedenis bewaart wat ze was.`,
    consequences: [
      ...(otherOrganisation ? [`De koppeling verdwijnt ook bij ${other} van ${otherOrganisation}.`] : []),
      `Ze telt niet meer mee in de koppelingenkaart en de verwachte koppelingen van ${usage.organisation.name}.`,
    ],
    fields: { actie: 'koppeling-verwijderen', id: doomed.id, revision: doomed.revision },
    confirmLabel: 'Ja, verwijderen',
    cancelHref: `${pathname}#koppelingen`,
  };
}
