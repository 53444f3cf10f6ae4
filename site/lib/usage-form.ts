// Turns a posted usage form into the API's input, and the API's answer into field errors.
import { type FieldError, optional, optionalInt, str } from './forms.ts';

export const beheerRoles = ['FUNCTIONAL_MANAGEMENT', 'APPLICATION_MANAGEMENT', 'TECHNICAL_MANAGEMENT'] as const;

/** Numbers the API's types cannot even carry are refused here, in Dutch, before anything is sent. */
export function numberErrors(form: FormData): FieldError[] {
  const errors: FieldError[] = [];
  if (optional(form, 'yearlyCost') !== null && !/^\d+$/.test(str(form, 'yearlyCost').trim()))
    errors.push({ field: 'yearlyCost', message: 'Vul een bedrag in hele euro’s in, zonder punten of tekens.' });
  for (const role of beheerRoles) {
    const value = optional(form, `fte-${role}`);
    if (value !== null && !/^\d+([.,]\d+)?$/.test(value)) errors.push({ field: 'beheerLoad', message: 'Vul de beheerlast in als getal, bijvoorbeeld 0,5.' });
  }
  return errors;
}

/** The posted values as the API takes them; the API validates every value and names each problem. */
export function usageInput(form: FormData): Record<string, unknown> {
  const tri = (name: string) => ({ ja: true, nee: false })[str(form, name)] ?? null;
  const loads = beheerRoles.flatMap((role) => {
    const value = optional(form, `fte-${role}`);
    return value === null ? [] : [{ role, fte: Number(value.replace(',', '.')) }];
  });
  return {
    product: str(form, 'product'),
    version: optional(form, 'version'),
    referenceComponents: form.getAll('referenceComponents').filter((v): v is string => typeof v === 'string' && v !== ''),
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
  };
}

/** The values a usage form shows: from the stored usage, or what the user typed. */
export interface UsageFormValues {
  product: string;
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
  status?: string;
  statusSince?: string;
  key?: string;
}

/** On an error the form shows what the user typed, not what is stored. */
export function postedValues(form: FormData): UsageFormValues {
  return {
    product: str(form, 'product'),
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
  };
}
