// What Grondplan itself writes for each Softwarecatalogus column, and the fields an import keeps on a usage where the file says something else.
import { LIST_COLUMNS, type SwcValue } from './swc-columns.ts';

// What Grondplan itself would write for a column: the import keeps a value only where the file says something else.

const DELIVERY: Record<string, string> = { ON_PREMISES: 'On-premises', IAAS: 'IaaS', PAAS: 'PaaS', SAAS: 'SaaS' };
const JURISDICTION: Record<string, string> = { NL: 'Nederland', EU: 'EU', US: 'VS', OTHER: 'Anders' };

/** What of a product the export derives columns from, as a Prisma select. */
export const DERIVABLE_PRODUCT_SELECT = {
  name: true,
  description: true,
  licence: true,
  openSource: true,
  deliveryModel: true,
  hostingJurisdiction: true,
  supplier: { select: { name: true } },
} as const;

export interface Derivable {
  key: string;
  product: {
    name: string;
    supplier: string;
    description: string | null;
    licence: string | null;
    openSource: boolean;
    deliveryModel: string | null;
    hostingJurisdiction: string | null;
  };
  version: string | null;
}

export function derived(column: string, u: Derivable): SwcValue {
  switch (column) {
    case 'id':
      return u.key;
    case 'naam':
      return u.product.name;
    case '_aanbieder':
      return u.product.supplier;
    case 'beschrijvingKort':
      return u.product.description ?? '';
    case 'cloudDienstverleningsmodel':
      return u.product.deliveryModel ? (DELIVERY[u.product.deliveryModel] ?? '') : '';
    case 'hostingJurisdictie':
      return u.product.hostingJurisdiction ? (JURISDICTION[u.product.hostingJurisdiction] ?? '') : '';
    case 'licentietype':
      return u.product.openSource ? 'Open source' : 'Closed source';
    case 'licentie':
      return u.product.licence ?? '';
    case 'type':
      return 'Applicatie';
    case '_moduleVersies':
      return u.version ? [u.version] : [];
    default:
      return LIST_COLUMNS.has(column) ? [] : '';
  }
}

/**
 * The product fields a column maps to, in a comparable form: spellings of the same value ("SaaS", "saas"; "NL",
 * "Nederland"; "Open Source") compare equal; null for a value that maps to nothing Grondplan knows.
 */
export const MAPPED_VALUES: Record<string, (value: string) => string | null> = {
  cloudDienstverleningsmodel: (value) => {
    const v = value.toLowerCase().replace(/[^a-z]/g, '');
    return (
      (
        {
          saas: 'SAAS',
          paas: 'PAAS',
          iaas: 'IAAS',
          onpremises: 'ON_PREMISES',
          onpremise: 'ON_PREMISES',
          oplocatie: 'ON_PREMISES',
        } as Record<string, string>
      )[v] ?? null
    );
  },
  hostingJurisdictie: (value) => {
    const v = value.toLowerCase().replace(/[^a-z]/g, '');
    return (
      (
        {
          nl: 'NL',
          nederland: 'NL',
          eu: 'EU',
          europa: 'EU',
          europeseunie: 'EU',
          us: 'US',
          vs: 'US',
          usa: 'US',
          verenigdestaten: 'US',
          anders: 'OTHER',
          overig: 'OTHER',
          buiteneu: 'OTHER',
        } as Record<string, string>
      )[v] ?? null
    );
  },
  licentietype: (value) => {
    const v = value.toLowerCase().replace(/[^a-z]/g, '');
    return v === 'opensource' ? 'open' : v === 'closedsource' ? 'closed' : null;
  },
};

/** Whether a mapped column's value in the file means what the catalogue says (empty only matches empty). */
export function sameMapped(column: string, value: SwcValue, own: SwcValue): boolean {
  const parse = MAPPED_VALUES[column];
  if (!parse || typeof value !== 'string' || typeof own !== 'string') return sameValue(value, own);
  if (!value.trim() || !own) return !value.trim() && !own;
  const mine = parse(value);
  return mine !== null && mine === parse(own);
}

const isEmpty = (v: SwcValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const sameValue = (a: SwcValue | undefined, b: SwcValue | undefined) =>
  (isEmpty(a) && isEmpty(b)) ||
  JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);

/** Stored kept fields as an object; anything unreadable counts as nothing kept. */
export function keptFields(text: string | null): Record<string, SwcValue> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, SwcValue>) : {};
  } catch {
    return {};
  }
}
/** Kept fields as stored: keys sorted so that equal content is equal text; null for nothing kept. */
export const keptText = (fields: Record<string, SwcValue>) => {
  const keys = Object.keys(fields).sort();
  return keys.length ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, fields[k]]))) : null;
};

/** Pairs of an id column and its names column, by position. */
export const pairs = (ids: SwcValue | undefined, names: SwcValue | undefined) => {
  const a = Array.isArray(ids) ? ids : ids ? [ids] : [];
  const b = Array.isArray(names) ? names : names ? [names] : [];
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => ({
    id: (a[i] ?? '').trim(),
    name: (b[i] ?? '').trim(),
  }));
};
