// Turns a posted usage form into the API's input, and the API's answer into field errors.
import type { Context } from '#core/context.ts';
import { type FieldError, optional, optionalInt, str } from './forms.ts';
import { type ProductChoice, resolveProductChoice, splitLabel } from './product-choice.ts';

/** The security, privacy and algorithm fields' names in the error summary (UsageSecurityFields.astro). */
export const securityLabels: Record<string, string> = {
  personalData: 'Persoonsgegevens',
  dpiaStatus: 'DPIA',
  dpiaDate: 'Datum DPIA',
  processorAgreement: 'Verwerkersovereenkomst',
  riskAssessmentDate: 'Datum laatste risicoanalyse',
  pentestDate: 'Datum laatste pentest',
  pentestState: 'Uitkomst laatste pentest',
  dpiaCriteria: 'DPIA-criteria',
  algorithmForResidents: 'Algoritme of AI',
  aiRiskClass: 'Risicoklasse AI-verordening',
  humanOversight: 'Menselijk toezicht',
  algorithmRegisterUrl: 'Vermelding in het Algoritmeregister',
};

export const beheerRoles = ['FUNCTIONAL_MANAGEMENT', 'APPLICATION_MANAGEMENT', 'TECHNICAL_MANAGEMENT'] as const;

/** Numbers the API's types cannot even carry are refused here, in Dutch, before anything is sent. */
export function numberErrors(form: FormData): FieldError[] {
  const errors: FieldError[] = [];
  if (optional(form, 'yearlyCost') !== null && !/^\d+$/.test(str(form, 'yearlyCost').trim()))
    errors.push({ field: 'yearlyCost', message: 'Vul een bedrag in hele euro’s in, zonder punten of tekens.' });
  for (const role of beheerRoles) {
    const value = optional(form, `fte-${role}`);
    if (value !== null && !/^\d+([.,]\d+)?$/.test(value))
      errors.push({ field: 'beheerLoad', message: 'Vul de beheerlast in als getal, bijvoorbeeld 0,5.' });
  }
  return errors;
}

/**
 * The product a posted form names, as the API takes it: the product found for the typed text, or (with "nieuw pakket"
 * ticked) a new product with its supplier as typed. When the text names no one product, the errors say what to do and
 * the choice holds what a search found, for the form to offer: the search step that works without JavaScript.
 */
export async function productInput(
  context: Context,
  form: FormData,
  create: boolean,
): Promise<{ choice: ProductChoice; input: Record<string, unknown>; errors: FieldError[] }> {
  const choice = await resolveProductChoice(context, form);
  const errors: FieldError[] = [];
  if (create && str(form, 'nieuwPakket') === 'ja' && !str(form, 'product')) {
    const name = splitLabel(choice.query).name;
    const supplier = str(form, 'leverancier').trim();
    const architecture = str(form, 'architectuur');
    if (!name) errors.push({ field: 'product', message: 'Typ de naam van het nieuwe pakket.' });
    if (!supplier) errors.push({ field: 'supplier', message: 'Vul de leverancier van het nieuwe pakket in.' });
    if (!architecture) errors.push({ field: 'architecture', message: 'Kies Legacy, Hybride of Common Ground.' });
    return {
      choice: { ...choice, matches: [], total: 0 },
      input: { newProduct: { name, supplier, architecture: architecture || null } },
      errors,
    };
  }
  if (choice.chosen) return { choice, input: { product: choice.chosen.slug }, errors };
  const q = choice.query;
  errors.push({
    field: 'product',
    message: !q
      ? 'Typ de naam van het pakket.'
      : choice.matches.length
        ? `Kies een van de gevonden pakketten voor “${q}”${create ? ', of voeg het toe als nieuw pakket' : ''}.`
        : `Geen pakket gevonden voor “${q}”.${create ? ' Staat het niet in de catalogus, vink dan “Voeg het getypte pakket toe” aan en vul de leverancier in.' : ' Typ een ander deel van de naam.'}`,
  });
  return { choice, input: {}, errors };
}

/** The API's field names for a new product, as the form's fields. */
export const formField = (field: string) =>
  ({ 'newProduct.name': 'product', 'newProduct.supplier': 'supplier', 'newProduct.architecture': 'architecture' })[
    field
  ] ?? field;

/** The posted values as the API takes them (the product apart: productInput); the API validates every value and names each problem. */
export function usageInput(form: FormData): Record<string, unknown> {
  const tri = (name: string) => ({ ja: true, nee: false })[str(form, name)] ?? null;
  const loads = beheerRoles.flatMap((role) => {
    const value = optional(form, `fte-${role}`);
    return value === null ? [] : [{ role, fte: Number(value.replace(',', '.')) }];
  });
  return {
    version: optional(form, 'version'),
    referenceComponents: form
      .getAll('referenceComponents')
      .filter((v): v is string => typeof v === 'string' && v !== ''),
    operator: optional(form, 'operator'),
    contact: optional(form, 'contact'),
    availability: optionalInt(form, 'availability'),
    integrity: optionalInt(form, 'integrity'),
    confidentiality: optionalInt(form, 'confidentiality'),
    personalData: str(form, 'personalData') === 'ja',
    dpiaStatus: optional(form, 'dpiaStatus'),
    dpiaDate: optional(form, 'dpiaDate'),
    processorAgreement: tri('processorAgreement'),
    criticality: optional(form, 'criticality'),
    time: optional(form, 'time'),
    beheerLoad: loads,
    contractEndsOn: optional(form, 'contractEndsOn'),
    yearlyCost: optionalInt(form, 'yearlyCost'),
    internalNote: optional(form, 'internalNote'),
    experience: optional(form, 'experience'),
    riskAssessmentDate: optional(form, 'riskAssessmentDate'),
    pentestDate: optional(form, 'pentestDate'),
    pentestState: optional(form, 'pentestState'),
    dpiaCriteria: form.getAll('dpiaCriteria').filter((v): v is string => typeof v === 'string' && v !== ''),
    algorithmForResidents: tri('algorithmForResidents'),
    aiRiskClass: optional(form, 'aiRiskClass'),
    humanOversight: optional(form, 'humanOversight'),
    algorithmRegisterUrl: optional(form, 'algorithmRegisterUrl'),
  };
}

/** The values a usage form shows: from the stored usage, or what the user typed. */
export interface UsageFormValues {
  product: string;
  /** A new product's supplier and architecture, as typed (create only). */
  newProduct?: boolean;
  supplierName?: string;
  architecture?: string;
  version: string;
  referenceComponents: string[];
  operator: string;
  contact: string;
  availability: string;
  integrity: string;
  confidentiality: string;
  personalData: boolean;
  dpiaStatus: string;
  dpiaDate: string;
  processorAgreement: string;
  criticality: string;
  time: string;
  beheerLoad: Record<string, string>;
  contractEndsOn: string;
  yearlyCost: string;
  internalNote: string;
  experience: string;
  riskAssessmentDate: string;
  pentestDate: string;
  pentestState: string;
  dpiaCriteria: string[];
  /** "ja", "nee" or "" (unknown). */
  algorithmForResidents: string;
  aiRiskClass: string;
  humanOversight: string;
  algorithmRegisterUrl: string;
  status?: string;
  statusSince?: string;
  key?: string;
}

/** On an error the form shows what the user typed, not what is stored. */
export function postedValues(form: FormData): UsageFormValues {
  return {
    product: str(form, 'product'),
    newProduct: str(form, 'nieuwPakket') === 'ja',
    supplierName: str(form, 'leverancier'),
    architecture: str(form, 'architectuur'),
    version: str(form, 'version'),
    referenceComponents: form.getAll('referenceComponents').map(String),
    operator: str(form, 'operator'),
    contact: str(form, 'contact'),
    availability: str(form, 'availability'),
    integrity: str(form, 'integrity'),
    confidentiality: str(form, 'confidentiality'),
    personalData: str(form, 'personalData') === 'ja',
    dpiaStatus: str(form, 'dpiaStatus'),
    dpiaDate: str(form, 'dpiaDate'),
    processorAgreement: str(form, 'processorAgreement'),
    criticality: str(form, 'criticality'),
    time: str(form, 'time'),
    beheerLoad: Object.fromEntries(beheerRoles.map((r) => [r, str(form, `fte-${r}`)])),
    contractEndsOn: str(form, 'contractEndsOn'),
    yearlyCost: str(form, 'yearlyCost'),
    internalNote: str(form, 'internalNote'),
    experience: str(form, 'experience'),
    riskAssessmentDate: str(form, 'riskAssessmentDate'),
    pentestDate: str(form, 'pentestDate'),
    pentestState: str(form, 'pentestState'),
    dpiaCriteria: form.getAll('dpiaCriteria').map(String),
    algorithmForResidents: str(form, 'algorithmForResidents'),
    aiRiskClass: str(form, 'aiRiskClass'),
    humanOversight: str(form, 'humanOversight'),
    algorithmRegisterUrl: str(form, 'algorithmRegisterUrl'),
  };
}
