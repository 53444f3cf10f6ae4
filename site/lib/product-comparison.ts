// Products side by side: the standards a product supports with those GEMMA makes mandatory for its reference
// components marked (and the mandatory ones it does not support), the products to compare it with, and the order
// of the chosen products.
import { compareNl } from '#core/collation.ts';

interface ComponentStandards {
  gemmaId: string;
  standards: readonly { mandatory: boolean; standard: { gemmaId: string } }[];
}

interface ProductStandards {
  referenceComponents: readonly ComponentStandards[];
  standards: readonly { version?: string | null; standard: { gemmaId: string; name: string; url?: string | null } }[];
}

export interface SupportedStandard {
  gemmaId: string;
  name: string;
  url: string | null;
  version: string | null;
  /** GEMMA makes it mandatory for one of the product's reference components. */
  mandatory: boolean;
}

/** The ids of the standards GEMMA makes mandatory for any of the product's reference components. */
export function mandatoryStandardIds(product: Pick<ProductStandards, 'referenceComponents'>): Set<string> {
  return new Set(
    product.referenceComponents.flatMap((c) => c.standards.filter((s) => s.mandatory).map((s) => s.standard.gemmaId)),
  );
}

/** The standards the product supports, mandatory ones first, then by name. */
export function supportedStandards(product: ProductStandards): SupportedStandard[] {
  const mandatory = mandatoryStandardIds(product);
  return product.standards
    .map((s) => ({
      gemmaId: s.standard.gemmaId,
      name: s.standard.name,
      url: s.standard.url ?? null,
      version: s.version ?? null,
      mandatory: mandatory.has(s.standard.gemmaId),
    }))
    .sort((a, b) => Number(b.mandatory) - Number(a.mandatory) || compareNl(a.name, b.name));
}

/** Mandatory standards for its reference components that the product does not list as supported (their ids). */
export function missingMandatory(product: ProductStandards): string[] {
  const supported = new Set(product.standards.map((s) => s.standard.gemmaId));
  return [...mandatoryStandardIds(product)].filter((id) => !supported.has(id));
}

/** Other products that realise one of the product's reference components, by name, at most `max`. */
export function alternatives(
  product: { slug: string; referenceComponents: readonly { products: readonly { slug: string; name: string }[] }[] },
  max = 20,
): { slug: string; name: string }[] {
  const found = new Map<string, string>();
  for (const c of product.referenceComponents)
    for (const p of c.products) if (p.slug !== product.slug) found.set(p.slug, p.name);
  return [...found]
    .map(([slug, name]) => ({ slug, name }))
    .sort((a, b) => compareNl(a.name, b.name))
    .slice(0, max);
}

/** The products found, in the order they were chosen (the API answers them by name); unknown slugs are left out. */
export function inChosenOrder<P extends { slug: string }>(chosen: readonly string[], found: readonly P[]): P[] {
  const bySlug = new Map(found.map((p) => [p.slug, p]));
  return chosen.flatMap((slug) => bySlug.get(slug) ?? []);
}

export interface ProductUser<S extends string> {
  slug: string;
  name: string;
  /** The statuses of its usages of the product (an organisation may run it more than once). */
  statuses: S[];
  /** Its usages' experiences with the product, each once. */
  experiences: string[];
}

/** Who uses a product, each organisation once, by name, with the statuses and experiences of its usages. */
export function usersByOrganisation<S extends string>(
  usages: readonly { status: S; experience?: string | null; organisation: { slug: string; name: string } }[],
): ProductUser<S>[] {
  const users = new Map<string, ProductUser<S>>();
  for (const u of usages) {
    const user = users.get(u.organisation.slug) ?? { ...u.organisation, statuses: [], experiences: [] };
    if (!user.statuses.includes(u.status)) user.statuses.push(u.status);
    const experience = u.experience?.trim();
    if (experience && !user.experiences.includes(experience)) user.experiences.push(experience);
    users.set(u.organisation.slug, user);
  }
  return [...users.values()].sort((a, b) => compareNl(a.name, b.name));
}
