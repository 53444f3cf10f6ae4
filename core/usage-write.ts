// Writing a usage: its references by slug and GEMMA id resolved (each must exist), its children (reference components,
// beheer load), a product the catalogue lacks, and the snapshot the audit trail records. Used by the usage mutations.
import type {
  AiRiskClass,
  Architecture,
  BeheerRole,
  Criticality,
  DpiaStatus,
  PentestState,
  TimeClass,
} from '#prisma/generated/sqlite/client/enums.ts';
import type { Tx } from './audit.ts';
import { addProduct, addSupplier, type CatalogueWriter, versionOf } from './catalogue.ts';
import { ValidationError } from './errors.ts';
import { loadCandidates, matchProduct, matchSupplier, normaliseName } from './exchange/matching.ts';
import { storeCriteria } from './usage-security.ts';

/** The editable fields of a usage, as a form or the API sends them: left out keeps, null clears. */
export interface UsageFields {
  product?: string | null;
  version?: string | null;
  referenceComponents?: string[] | null;
  operator?: string | null;
  contact?: string | null;
  availability?: number | null;
  integrity?: number | null;
  confidentiality?: number | null;
  personalData?: boolean | null;
  dpiaStatus?: DpiaStatus | null;
  dpiaDate?: Date | null;
  processorAgreement?: boolean | null;
  criticality?: Criticality | null;
  time?: TimeClass | null;
  beheerLoad?: { role: BeheerRole; fte: number }[] | null;
  contractEndsOn?: Date | null;
  yearlyCost?: number | null;
  internalNote?: string | null;
  /** Experiences with the product, shared with every signed-in member (not private). */
  experience?: string | null;
  /** Private: information security and the EDPB criteria (core/privacy.ts). */
  riskAssessmentDate?: Date | null;
  pentestDate?: Date | null;
  pentestState?: PentestState | null;
  dpiaCriteria?: readonly string[] | null;
  /** Algorithms and AI: read by every member, like the rest of the usage. */
  algorithmForResidents?: boolean | null;
  aiRiskClass?: AiRiskClass | null;
  humanOversight?: string | null;
  algorithmRegisterUrl?: string | null;
}

/** A product the catalogue lacks, named on a usage form: its name, its supplier as written, its architecture. */
export interface NewProduct {
  name: string;
  supplier: string;
  architecture?: Architecture | null;
}

/** Turns slugs and GEMMA ids into database ids; every reference must exist. */
export async function resolveReferences(tx: Tx, fields: UsageFields, by: CatalogueWriter, productIdFallback?: string) {
  const problems: { path: string[]; message: string }[] = [];
  const data: Record<string, unknown> = {};
  let productId = productIdFallback;
  // A usage always has a product: null keeps the one it has, as leaving the field out does.
  if (fields.product != null) {
    const product = await tx.product.findUnique({ where: { slug: fields.product }, select: { id: true } });
    if (!product) problems.push({ path: ['input', 'product'], message: `Pakket "${fields.product}" bestaat niet.` });
    else {
      productId = product.id;
      data.productId = product.id;
    }
  }
  // A version is free text: a name the product does not know yet becomes one of its versions once nothing is refused.
  const versionName = fields.version === undefined ? undefined : fields.version || null;
  if (versionName === null) data.versionId = null;
  if (fields.operator !== undefined) {
    if (fields.operator === null) data.operatorId = null;
    else {
      const operator = await tx.organisation.findUnique({ where: { slug: fields.operator }, select: { id: true } });
      if (!operator)
        problems.push({ path: ['input', 'operator'], message: `Organisatie "${fields.operator}" bestaat niet.` });
      else data.operatorId = operator.id;
    }
  }
  let components: string[] | undefined;
  if (fields.referenceComponents?.length) {
    const unique = [...new Set(fields.referenceComponents.map((id) => id.toLowerCase()))];
    const found = await tx.referenceComponent.findMany({ where: { id: { in: unique } }, select: { id: true } });
    const known = new Set(found.map((c) => c.id));
    unique.forEach((id, i) => {
      if (!known.has(id))
        problems.push({
          path: ['input', 'referenceComponents', String(i)],
          message: `Referentiecomponent ${id} bestaat niet.`,
        });
    });
    components = unique;
  } else if ((fields.referenceComponents || fields.product != null) && productId) {
    // None chosen takes the product's, as the form promises (on create, on a change of product, or an empty list).
    components = (
      await tx.productReferenceComponent.findMany({ where: { productId }, select: { referenceComponentId: true } })
    ).map((c) => c.referenceComponentId);
  }
  if (problems.length) throw new ValidationError(problems);
  if (versionName && productId) data.versionId = (await versionOf(tx, productId, versionName, by)).id;
  for (const key of [
    'contact',
    'availability',
    'integrity',
    'confidentiality',
    'personalData',
    'dpiaStatus',
    'dpiaDate',
    'processorAgreement',
    'criticality',
    'time',
    'contractEndsOn',
    'yearlyCost',
    'internalNote',
    'experience',
    'riskAssessmentDate',
    'pentestDate',
    'pentestState',
    'algorithmForResidents',
    'aiRiskClass',
    'humanOversight',
    'algorithmRegisterUrl',
  ] as const) {
    if (fields[key] !== undefined) data[key] = key === 'personalData' ? (fields[key] ?? false) : fields[key];
  }
  if (fields.dpiaCriteria !== undefined) data.dpiaCriteria = storeCriteria(fields.dpiaCriteria);
  return { data, components };
}

/** The stored usage as the audit trail sees it: scalar fields plus its reference components and beheer load. */
export async function usageSnapshot(tx: Tx, id: string) {
  const usage = await tx.usage.findUnique({
    where: { id },
    include: {
      referenceComponents: { select: { referenceComponentId: true } },
      beheerLoads: { select: { role: true, fte: true }, orderBy: { role: 'asc' } },
    },
  });
  if (!usage) return null;
  const { referenceComponents, beheerLoads, ...rest } = usage;
  return {
    ...rest,
    referenceComponents: referenceComponents.map((c) => c.referenceComponentId).sort(),
    beheerLoad: beheerLoads,
  };
}

export async function writeChildren(
  tx: Tx,
  usageId: string,
  components: string[] | undefined,
  beheerLoad: UsageFields['beheerLoad'],
) {
  if (components) {
    await tx.usageReferenceComponent.deleteMany({ where: { usageId } });
    await tx.usageReferenceComponent.createMany({
      data: components.map((referenceComponentId) => ({ usageId, referenceComponentId })),
    });
  }
  if (beheerLoad) {
    await tx.usageBeheerLoad.deleteMany({ where: { usageId } });
    await tx.usageBeheerLoad.createMany({ data: beheerLoad.map((l) => ({ usageId, role: l.role, fte: l.fte })) });
  }
}

/**
 * The slug of the product a usage form names as new: a supplier named as the catalogue knows it (by name, alias or
 * normalised name, core/exchange/matching.ts) is that supplier, else it is added; a product of that supplier with
 * the same name is that product (no double), else it is added with the usage's reference components. Any editor adds
 * to the shared catalogue, as with a publiccode.yml; both additions are audited.
 */
export async function productFor(
  tx: Tx,
  named: NewProduct,
  components: string[],
  by: CatalogueWriter,
): Promise<string> {
  const candidates = await loadCandidates(tx);
  const supplier =
    matchSupplier({ name: named.supplier }, candidates.suppliers)?.match ?? (await addSupplier(tx, named.supplier, by));
  // Only the same name (or a known other name) is the same product: "Open Formulieren Extra" is not Open Formulieren.
  const existing = matchProduct(named.name, supplier.id, candidates.products)?.match;
  const sameName = (p: { name: string; aliases?: readonly string[] }) =>
    [p.name, ...(p.aliases ?? [])].some((n) => normaliseName(n) === normaliseName(named.name));
  if (existing && existing.supplierId === supplier.id && sameName(existing)) return existing.slug;
  const known = new Set(
    (
      await tx.referenceComponent.findMany({
        where: { id: { in: components.map((c) => c.toLowerCase()) } },
        select: { id: true },
      })
    ).map((c) => c.id),
  );
  const product = await addProduct(
    tx,
    {
      name: named.name,
      supplierId: supplier.id,
      architecture: named.architecture,
      referenceComponents: components.map((c) => c.toLowerCase()).filter((c) => known.has(c)),
    },
    by,
  );
  return product.slug;
}
