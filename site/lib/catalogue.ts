// The public catalogue's page logic: the product list's filters read from the address (GET form), the products chosen
// to compare, and the short Dutch explanation of each GEMMA concept the catalogue shows.
import { architectureLabel, layerLabel } from './labels.ts';
import type { ProductsQuery } from './routes.ts';

type ArchitectureValue = keyof typeof architectureLabel;
type LayerValue = keyof typeof layerLabel;

/** What the product list asks the API, and the same filters as the address's parameters (for paging links). */
export interface CatalogueFilter {
  variables: {
    search: string | null;
    architecture: ArchitectureValue | null;
    layer: LayerValue | null;
    openSource: boolean | null;
    supplier: string | null;
    referenceComponent: string | null;
    standard: string | null;
    after: string | null;
  };
  query: ProductsQuery;
  /** Whether any filter beyond paging is set. */
  filtered: boolean;
}

const text = (params: URLSearchParams, name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);
const oneOf = <T extends string>(value: string, labels: Record<T, string>): T | null =>
  Object.hasOwn(labels, value) ? (value as T) : null;

/**
 * A page cursor the API gave out (base64 of the Prisma plugin's `GPC:` and a tagged id), or null: an address with
 * another `na` (typed, cut off, old) shows the first page rather than an error.
 */
export function productCursor(value: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  try {
    return /^GPC:S:[\w-]+$/.test(Buffer.from(value, 'base64').toString('utf8')) ? value : null;
  } catch {
    return null;
  }
}

/** The list's filters from the address; an unknown value (a bad cursor too) is no filter. */
export function catalogueFilter(params: URLSearchParams): CatalogueFilter {
  const q = text(params, 'q', 200);
  const architecture = oneOf(text(params, 'architectuur', 40), architectureLabel);
  const layer = oneOf(text(params, 'laag', 40), layerLabel);
  const licence = text(params, 'licentie', 10);
  const openSource = licence === 'open' ? true : licence === 'gesloten' ? false : null;
  const supplier = text(params, 'leverancier', 100) || null;
  const component = text(params, 'component', 100) || null;
  const standard = text(params, 'standaard', 100) || null;
  const after = productCursor(text(params, 'na', 200));
  const query: ProductsQuery = {
    q,
    architectuur: architecture,
    laag: layer,
    licentie: openSource === null ? null : openSource ? 'open' : 'gesloten',
    leverancier: supplier,
    component,
    standaard: standard,
  };
  return {
    variables: {
      search: q || null,
      architecture,
      layer,
      openSource,
      supplier,
      referenceComponent: component,
      standard,
      after,
    },
    query,
    filtered: Object.values(query).some(Boolean),
  };
}

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

/** The products chosen to compare (`pakket`, repeated), each once, in the order given, at most four. */
export function comparedSlugs(params: URLSearchParams): string[] {
  const slugs = params
    .getAll('pakket')
    .map((s) => s.trim().slice(0, 100))
    .filter(Boolean);
  return [...new Set(slugs)].slice(0, COMPARE_MAX);
}

/** A GEMMA concept as the catalogue explains it where it is shown: one Dutch sentence and its glossary anchor. */
export interface Concept {
  term: string;
  explanation: string;
  anchor: string;
}

export const concepts = {
  referenceComponent: {
    term: 'referentiecomponent',
    explanation:
      'Een referentiecomponent is een bouwsteen uit de GEMMA-referentiearchitectuur: een functie die een gemeente nodig heeft (zoals een zaakregistratie), los van het pakket dat haar invult.',
    anchor: 'referentiecomponent',
  },
  standard: {
    term: 'standaard',
    explanation:
      'Een GEMMA-standaard is een afspraak over gegevens of koppelingen (zoals de ZGW API’s of StUF); GEMMA noemt per referentiecomponent welke standaarden verplicht zijn.',
    anchor: 'standaard',
  },
  layer: {
    term: 'laag',
    explanation:
      'Het Common Ground-vijflagenmodel deelt software in naar interactie, proces, integratie, diensten en data; een pakket kan in meer lagen werken.',
    anchor: 'laag',
  },
  architecture: {
    term: 'architectuurklasse',
    explanation:
      'De architectuurklasse zegt hoe ver een pakket de Common Ground-principes volgt: Common Ground (gegevens bij de bron, via API’s), hybride, of legacy.',
    anchor: 'architectuurklasse',
  },
  externalService: {
    term: 'buitengemeentelijke voorziening',
    explanation:
      'Een buitengemeentelijke voorziening is een landelijke voorziening die gemeenten gebruiken maar niet zelf beheren, zoals de BRP, de BAG of DigiD.',
    anchor: 'buitengemeentelijke-voorziening',
  },
  supplier: {
    term: 'leverancier',
    explanation: 'De leverancier levert en onderhoudt een pakket; bij open source kan dat ook een gemeenschap zijn.',
    anchor: 'leverancier',
  },
} as const satisfies Record<string, Concept>;
