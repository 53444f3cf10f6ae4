// The shared catalogue's product rules, used by the product mutations and the publiccode.yml import alike.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { Architecture, DeliveryModel, Jurisdiction, Layer } from '#prisma/generated/sqlite/client/enums.ts';
import { slugify } from '#prisma/slug.ts';
import { webAddress } from '#prisma/web-address.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import type { Viewer } from './context.ts';
import { ValidationError } from './errors.ts';
import { gemmaId, requiredText, slug, text } from './input.ts';

/** A slug from a name: lower case, no accents, hyphens between words. */
export const toSlug = (name: string) => slugify(name).slice(0, 100);

/** A product's fields as users and imports give them (supplier by slug, GEMMA links by id). */
export const productFields = z.object({
  name: requiredText(200),
  supplier: slug,
  architecture: z.enum(Architecture),
  layers: z.array(z.enum(Layer)).min(1, 'Kies minstens één laag.'),
  referenceComponents: z.array(gemmaId).min(1, 'Kies minstens één referentiecomponent.').max(50),
  standards: z.array(gemmaId).max(100).nullish(),
  description: text(2000).nullish(),
  licence: text(100).nullish(),
  repository: webAddress.nullish(),
  deliveryModel: z.enum(DeliveryModel).nullish(),
  hostingJurisdiction: z.enum(Jurisdiction).nullish(),
  versions: z.array(requiredText(100)).max(50).nullish(),
});
/** A product with its links as plain sorted lists, the form audit events store. */
export async function productSnapshot(tx: Tx, id: string) {
  const p = await tx.product.findUnique({
    where: { id },
    include: { layers: true, referenceComponents: true, standards: true, versions: { select: { name: true } } },
  });
  if (!p) return null;
  const { layers, referenceComponents, standards, versions, ...rest } = p;
  return {
    ...rest,
    layers: layers.map((l) => l.layer).sort(),
    referenceComponents: referenceComponents.map((c) => c.referenceComponentId).sort(),
    standards: standards.map((s) => s.standardId).sort(),
    versions: versions.map((v) => v.name).sort(),
  };
}

/** Checks the supplier and GEMMA ids and turns the input into column values; refuses with every problem at once. */
export async function resolveProduct(tx: Tx, input: Partial<z.infer<typeof productFields>>) {
  const problems: { path: string[]; message: string }[] = [];
  const data: Record<string, unknown> = {};
  if (input.supplier !== undefined) {
    const supplier = await tx.supplier.findUnique({ where: { slug: input.supplier }, select: { id: true } });
    if (!supplier)
      problems.push({ path: ['input', 'supplier'], message: `Leverancier "${input.supplier}" bestaat niet.` });
    else data.supplierId = supplier.id;
  }
  for (const [field, model] of [
    ['referenceComponents', 'referenceComponent'],
    ['standards', 'standard'],
  ] as const) {
    const ids = input[field]?.map((s) => s.toLowerCase());
    if (!ids) continue;
    const found =
      model === 'referenceComponent'
        ? await tx.referenceComponent.findMany({ where: { id: { in: ids } }, select: { id: true } })
        : await tx.standard.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const known = new Set(found.map((r) => r.id));
    ids.forEach((id, i) => {
      if (!known.has(id)) problems.push({ path: ['input', field, String(i)], message: `${id} bestaat niet in GEMMA.` });
    });
  }
  if (problems.length) throw new ValidationError(problems);
  for (const key of [
    'name',
    'architecture',
    'description',
    'licence',
    'repository',
    'deliveryModel',
    'hostingJurisdiction',
  ] as const)
    if (input[key] !== undefined) data[key] = input[key];
  if (input.licence !== undefined) data.openSource = Boolean(input.licence);
  return data;
}

/** Replaces the layers and GEMMA links given, and adds versions not yet there. */
export async function writeProductChildren(tx: Tx, productId: string, input: Partial<z.infer<typeof productFields>>) {
  if (input.layers) {
    await tx.productLayer.deleteMany({ where: { productId } });
    await tx.productLayer.createMany({ data: [...new Set(input.layers)].map((layer) => ({ productId, layer })) });
  }
  if (input.referenceComponents) {
    await tx.productReferenceComponent.deleteMany({ where: { productId } });
    await tx.productReferenceComponent.createMany({
      data: [...new Set(input.referenceComponents.map((s) => s.toLowerCase()))].map((referenceComponentId) => ({
        productId,
        referenceComponentId,
      })),
    });
  }
  if (input.standards) {
    await tx.productStandard.deleteMany({ where: { productId } });
    await tx.productStandard.createMany({
      data: [...new Set(input.standards.map((s) => s.toLowerCase()))].map((standardId) => ({ productId, standardId })),
    });
  }
  for (const name of new Set(input.versions ?? []))
    await tx.productVersion.upsert({
      where: { productId_name: { productId, name } },
      create: { productId, name },
      update: {},
    });
}

/** Who adds to the catalogue, for the audit trail: the organisation is the one adding (it may change the entry later). */
export interface CatalogueWriter {
  actor: Viewer | { label: string };
  source: AuditSource;
  organisationId: string | null;
}

/** A slug not yet taken: the name's own, else with -2, -3, ... */
async function freeSlug(taken: (slug: string) => Promise<boolean>, name: string): Promise<string> {
  const base = toSlug(name) || 'pakket';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 96)}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/**
 * Adds a supplier a user or file named and the catalogue lacks; audited. The one way a supplier comes in: the usage
 * form, imports, publiccode.yml and the createSupplier mutation (which may give its own slug and website).
 */
export async function addSupplier(
  tx: Tx,
  name: string,
  by: CatalogueWriter,
  given: { slug?: string; website?: string | null } = {},
) {
  const slug =
    given.slug ??
    (await freeSlug(
      async (s) => Boolean(await tx.supplier.findUnique({ where: { slug: s }, select: { id: true } })),
      name,
    ));
  const created = await tx.supplier.create({
    data: { name, slug, website: given.website ?? null, addedById: by.organisationId },
  });
  await recordAudit(tx, {
    actor: by.actor,
    source: by.source,
    organisationId: by.organisationId,
    entityType: 'Supplier',
    entityId: encodeGlobalID('Supplier', created.id),
    action: 'CREATE',
    before: null,
    after: created,
    revision: 1,
  });
  return created;
}

/** The architecture a product gets when it is added while registering a usage and nobody said which: to classify later. */
export const UNCLASSIFIED_ARCHITECTURE = 'LEGACY' as const;

/**
 * Adds a product a user or file named and the catalogue lacks, with the reference components given (those of the
 * usage it comes in with) and no layers yet, like a publiccode.yml without its nl section; audited.
 */
export async function addProduct(
  tx: Tx,
  product: { name: string; supplierId: string; architecture?: Architecture | null; referenceComponents?: string[] },
  by: CatalogueWriter,
) {
  const slug = await freeSlug(
    async (s) => Boolean(await tx.product.findUnique({ where: { slug: s }, select: { id: true } })),
    product.name,
  );
  const created = await tx.product.create({
    data: {
      name: product.name,
      slug,
      supplierId: product.supplierId,
      architecture: product.architecture ?? UNCLASSIFIED_ARCHITECTURE,
      addedById: by.organisationId,
    },
    select: { id: true, slug: true, name: true },
  });
  await writeProductChildren(tx, created.id, {
    referenceComponents: product.referenceComponents?.length ? product.referenceComponents : undefined,
  });
  await recordAudit(tx, {
    actor: by.actor,
    source: by.source,
    organisationId: by.organisationId,
    entityType: 'Product',
    entityId: encodeGlobalID('Product', created.id),
    action: 'CREATE',
    before: null,
    after: await productSnapshot(tx, created.id),
    revision: 1,
  });
  return created;
}

/**
 * The product's version of that name. A version the product does not know yet ("2026", "10.3 patch 4") is added to it,
 * so a usage always points at a ProductVersion and every export and import names versions the same way.
 *
 * Any editor may name a new version of any product for its own usage, as any editor may add a product: a version name
 * is additive and belongs to no one's own fields, so it leaves the product's revision alone (the owner's open edit is
 * not made stale) and is recorded on the trail of the organisation that added it, with who did it. Changing the
 * product itself stays with the organisation that added it (requireCatalogueEditor).
 */
export async function versionOf(
  tx: Tx,
  productId: string,
  name: string,
  by: CatalogueWriter,
): Promise<{ id: string; added: boolean }> {
  const found = await tx.productVersion.findUnique({
    where: { productId_name: { productId, name } },
    select: { id: true },
  });
  if (found) return { id: found.id, added: false };
  const before = await productSnapshot(tx, productId);
  const created = await tx.productVersion.create({ data: { productId, name }, select: { id: true } });
  await recordAudit(tx, {
    actor: by.actor,
    source: by.source,
    organisationId: by.organisationId,
    entityType: 'Product',
    entityId: encodeGlobalID('Product', productId),
    action: 'UPDATE',
    before,
    after: await productSnapshot(tx, productId),
    revision: before?.revision ?? 1,
  });
  return { id: created.id, added: true };
}
