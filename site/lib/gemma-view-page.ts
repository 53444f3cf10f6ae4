// The view pages' choices from the address (colouring, group, other organisations) and the rows they show: what
// /organisaties/[slug]/platen and /platen/[code] and their downloads read from the query string.
import { coverage } from '#core/gemma-view-draw.ts';
import type { ColourBy, ViewOrganisation } from '#core/gemma-view-layout.ts';
import { type ChosenDay, readDay } from './date-choice.ts';
import { graphql } from './graphql/index.ts';

/** At most this many organisations on one view: the own one and three others (lanes stay readable). */
export const MAX_ON_VIEW = 4;

export interface ViewChoice {
  colourBy: ColourBy;
  /** `kleur` as the address writes it. */
  kleur: 'architectuur' | 'status';
  group: string | null;
  /** Other organisations (`met`), without the page's own, each once, at most MAX_ON_VIEW - 1. */
  others: string[];
  /** Shown at the view's own size, to pan (`grootte=ware`), instead of fitted to the page's width. */
  actualSize: boolean;
  /** The day the landscape is drawn on (`datum`, YYYY-MM-DD), null as registered; a wrong one gives `dayAsked.error`. */
  datum: string | null;
  dayAsked: ChosenDay;
}

export function viewChoice(params: URLSearchParams, own: string, today: string): ViewChoice {
  const kleur = params.get('kleur') === 'status' ? 'status' : 'architectuur';
  const others = [...new Set(params.getAll('met').filter((s) => s && s !== own))].slice(0, MAX_ON_VIEW - 1);
  const group = params.get('groep');
  const dayAsked = readDay(params.get('datum'), today);
  return {
    colourBy: kleur === 'status' ? 'status' : 'architecture',
    kleur,
    group: group && /^[\w-]{1,100}$/.test(group) ? group : null,
    others,
    actualSize: params.get('grootte') === 'ware',
    datum: params.get('datum') ? dayAsked.day : null,
    dayAsked,
  };
}

// What the view pages ask of each usage; the status is the one the query answers (a later date argument moves it).
graphql(`fragment ViewUsage on Usage { id key status product { name architecture } referenceComponents { gemmaId } }`);

/** A usage of the page's query as the drawing takes it. */
export interface QueriedUsage {
  id: string;
  key: string;
  status: ViewOrganisation['usages'][number]['status'];
  product: { name: string; architecture: ViewOrganisation['usages'][number]['architecture'] };
  referenceComponents: { gemmaId: string }[];
}

/** An organisation of the page's query as the drawing takes it; statuses are those the query answered. */
export function viewOrganisation(
  organisation: { slug: string; name: string; usages: { edges: { node: QueriedUsage }[] } },
  hrefOf: (organisation: string, usageKey: string) => string,
): ViewOrganisation {
  return {
    slug: organisation.slug,
    name: organisation.name,
    usages: organisation.usages.edges.map(({ node: u }) => ({
      id: u.id,
      name: u.product.name,
      href: hrefOf(organisation.slug, u.key),
      architecture: u.product.architecture,
      status: u.status,
      referenceComponentIds: u.referenceComponents.map((c) => c.gemmaId),
    })),
  };
}

/** The list page's rows: each view with how many of its reference components the organisation covers. */
export function viewCoverage(
  views: readonly { code: string; name: string; referenceComponents: { gemmaId: string }[] }[],
  organisation: ViewOrganisation,
) {
  return views.map((v) => ({
    code: v.code,
    name: v.name,
    ...coverage(
      v.referenceComponents.map((c) => c.gemmaId),
      organisation.usages,
    ),
  }));
}
