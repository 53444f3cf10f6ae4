// The shared catalogue's product rules, used by the product mutations and the publiccode.yml import alike.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { joinAliases, splitAliases } from '#prisma/aliases.ts';
import { Architecture, DeliveryModel, Jurisdiction, Layer } from '#prisma/generated/sqlite/client/enums.ts';
import { webAddress } from '#prisma/web-address.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import type { Viewer } from './context.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { gemmaId, requiredText, slug, text } from './input.ts';

/** A slug from a name: lower case, no accents, hyphens between words. */
export const toSlug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);

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
    if (!supplier) problems.push({ path: ['input', 'supplier'], message: `Leverancier "${input.supplier}" bestaat niet.` });
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
  for (const key of ['name', 'architecture', 'description', 'licence', 'repository', 'deliveryModel', 'hostingJurisdiction'] as const)
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
      data: [...new Set(input.referenceComponents.map((s) => s.toLowerCase()))].map((referenceComponentId) => ({ productId, referenceComponentId })),
    });
  }
  if (input.standards) {
    await tx.productStandard.deleteMany({ where: { productId } });
    await tx.productStandard.createMany({ data: [...new Set(input.standards.map((s) => s.toLowerCase()))].map((standardId) => ({ productId, standardId })) });
  }
  for (const name of new Set(input.versions ?? []))
    await tx.productVersion.upsert({ where: { productId_name: { productId, name } }, create: { productId, name }, update: {} });
}

/** What a merge moves (or moved), in Dutch lines for the confirmation and the report. */
export interface MergeReport {
  applied: boolean;
  kept: { slug: string; name: string };
  merged: { slug: string; name: string };
  moves: string[];
}

interface MergeActor {
  actor: Viewer;
  source: AuditSource;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Finds both by slug; two different ones, or a Dutch error naming what is wrong. */
async function pair<T extends { id: string }>(find: (slug: string) => Promise<T | null>, keep: string, merged: string, what: string) {
  if (keep === merged) throw new ValidationError([{ path: ['input', 'merged'], message: `Kies twee verschillende ${what}.` }]);
  const [kept, gone] = await Promise.all([find(keep), find(merged)]);
  return { kept, gone };
}

/**
 * Merges one supplier into another: its products move to the kept supplier, its name, slug and aliases become aliases
 * of the kept one (so a later file with the old name matches), and it is removed. Without `apply` it only says what
 * would move. All in the caller's transaction, every change audited.
 */
export async function mergeSuppliers(tx: Tx, keepSlug: string, mergedSlug: string, apply: boolean, by: MergeActor): Promise<MergeReport> {
  const { kept, gone } = await pair((slug) => tx.supplier.findUnique({ where: { slug } }), keepSlug, mergedSlug, 'leveranciers');
  if (!kept) throw new NotFoundError('Leverancier', keepSlug);
  if (!gone) throw new NotFoundError('Leverancier', mergedSlug);
  const products = await tx.product.findMany({ where: { supplierId: gone.id }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const aliases = joinAliases([...splitAliases(kept.aliases), gone.name, gone.slug, ...splitAliases(gone.aliases)].filter((a) => a !== kept.name));
  const added = splitAliases(aliases).filter((a) => !splitAliases(kept.aliases).includes(a));
  const moves = [
    products.length
      ? `${plural(products.length, 'pakket gaat', 'pakketten gaan')} naar ${kept.name}: ${products.map((p) => p.name).join(', ')}.`
      : `${gone.name} heeft geen pakketten.`,
    `${kept.name} krijgt als andere ${added.length === 1 ? 'naam' : 'namen'}: ${added.join(', ')}.`,
    ...(!kept.website && gone.website ? [`${kept.name} krijgt de website ${gone.website}.`] : []),
    `${gone.name} (${gone.slug}) wordt verwijderd.`,
  ];
  const report = { applied: apply, kept: { slug: kept.slug, name: kept.name }, merged: { slug: gone.slug, name: gone.name }, moves };
  if (!apply) return report;
  for (const { id } of products) {
    const before = await productSnapshot(tx, id);
    await tx.product.update({ where: { id }, data: { supplierId: kept.id, revision: { increment: 1 } } });
    const after = await productSnapshot(tx, id);
    await recordAudit(tx, {
      ...by,
      organisationId: before?.addedById ?? null,
      entityType: 'Product',
      entityId: encodeGlobalID('Product', id),
      action: 'UPDATE',
      before,
      after,
      revision: after?.revision ?? null,
    });
  }
  const after = await tx.supplier.update({
    where: { id: kept.id },
    data: { aliases, website: kept.website ?? gone.website, revision: { increment: 1 } },
  });
  await recordAudit(tx, {
    ...by,
    organisationId: kept.addedById,
    entityType: 'Supplier',
    entityId: encodeGlobalID('Supplier', kept.id),
    action: 'MERGE',
    before: kept,
    after: { ...after, mergedFrom: gone.slug },
    revision: after.revision,
  });
  await tx.supplier.delete({ where: { id: gone.id } });
  await recordAudit(tx, {
    ...by,
    organisationId: gone.addedById,
    entityType: 'Supplier',
    entityId: encodeGlobalID('Supplier', gone.id),
    action: 'DELETE',
    before: { ...gone, mergedInto: kept.slug },
    after: null,
    revision: gone.revision,
  });
  return report;
}

/**
 * Merges one product into another: its usages (with their versions), migrations, versions, layers and GEMMA links
 * move to the kept product, fields the kept one lacks are taken over, its name, slug and aliases become aliases, and it
 * is removed. Without `apply` it only says what would move. All in the caller's transaction, every change audited.
 */
export async function mergeProducts(tx: Tx, keepSlug: string, mergedSlug: string, apply: boolean, by: MergeActor): Promise<MergeReport> {
  const { kept, gone } = await pair((slug) => tx.product.findUnique({ where: { slug }, select: { id: true } }), keepSlug, mergedSlug, 'pakketten');
  if (!kept) throw new NotFoundError('Pakket', keepSlug);
  if (!gone) throw new NotFoundError('Pakket', mergedSlug);
  const [a, b] = await Promise.all([productSnapshot(tx, kept.id), productSnapshot(tx, gone.id)]);
  if (!a || !b) throw new NotFoundError('Pakket', a ? mergedSlug : keepSlug);
  const [usages, migrations, goneVersions] = await Promise.all([
    tx.usage.findMany({ where: { productId: b.id }, select: { id: true, organisationId: true, versionId: true, revision: true } }),
    tx.migration.findMany({ where: { targetProductId: b.id }, select: { id: true, organisationId: true, revision: true } }),
    tx.productVersion.findMany({ where: { productId: b.id }, select: { id: true, name: true } }),
  ]);
  const keptVersions = new Map((await tx.productVersion.findMany({ where: { productId: a.id }, select: { id: true, name: true } })).map((v) => [v.name, v.id]));
  const newOnly = <T>(mine: T[], theirs: T[]) => theirs.filter((x) => !mine.includes(x));
  const layers = newOnly(a.layers, b.layers);
  const components = newOnly(a.referenceComponents, b.referenceComponents);
  const standards = newOnly(a.standards, b.standards);
  const fields = (['description', 'licence', 'repository', 'deliveryModel', 'hostingJurisdiction'] as const).filter((f) => a[f] == null && b[f] != null);
  const aliases = joinAliases([...splitAliases(a.aliases), b.name, b.slug, ...splitAliases(b.aliases)].filter((x) => x !== a.name));
  const organisations = new Set(usages.map((u) => u.organisationId)).size;
  const fieldLabel = {
    description: 'omschrijving',
    licence: 'licentie',
    repository: 'repository',
    deliveryModel: 'leveringsmodel',
    hostingJurisdiction: 'hosting',
  };
  const moves = [
    `${plural(usages.length, 'gebruik', 'gebruiken')} bij ${plural(organisations, 'organisatie', 'organisaties')} ${usages.length === 1 ? 'gaat' : 'gaan'} naar ${a.name}.`,
    `${plural(migrations.length, 'migratie', 'migraties')} met ${b.name} als doel ${migrations.length === 1 ? 'krijgt' : 'krijgen'} ${a.name} als doel.`,
    `${plural(goneVersions.length, 'versie', 'versies')}: ${goneVersions.filter((v) => keptVersions.has(v.name)).length} al bij ${a.name}, de rest erbij.`,
    ...(layers.length || components.length || standards.length
      ? [
          `Erbij: ${[plural(layers.length, 'laag', 'lagen'), plural(components.length, 'referentiecomponent', 'referentiecomponenten'), plural(standards.length, 'standaard', 'standaarden')].join(', ')}.`,
        ]
      : []),
    ...(fields.length ? [`Overgenomen omdat ${a.name} ze mist: ${fields.map((f) => fieldLabel[f]).join(', ')}.`] : []),
    `${a.name} krijgt als andere namen: ${splitAliases(aliases)
      .filter((x) => !splitAliases(a.aliases).includes(x))
      .join(', ')}.`,
    `${b.name} (${b.slug}) wordt verwijderd.`,
  ];
  const report = { applied: apply, kept: { slug: a.slug, name: a.name }, merged: { slug: b.slug, name: b.name }, moves };
  if (!apply) return report;

  // Versions first, so that usages can point at the kept product's version of the same name.
  const versionOf = new Map<string, string>();
  for (const v of goneVersions) {
    const same = keptVersions.get(v.name);
    if (same) versionOf.set(v.id, same);
    else await tx.productVersion.update({ where: { id: v.id }, data: { productId: a.id } });
  }
  for (const u of usages) {
    const versionId = u.versionId ? (versionOf.get(u.versionId) ?? u.versionId) : null;
    await tx.usage.update({ where: { id: u.id }, data: { productId: a.id, versionId, revision: { increment: 1 } } });
    await recordAudit(tx, {
      ...by,
      organisationId: u.organisationId,
      entityType: 'Usage',
      entityId: encodeGlobalID('Usage', u.id),
      action: 'UPDATE',
      before: { productId: b.id, versionId: u.versionId },
      after: { productId: a.id, versionId },
      revision: u.revision + 1,
    });
  }
  for (const m of migrations) {
    await tx.migration.update({ where: { id: m.id }, data: { targetProductId: a.id, revision: { increment: 1 } } });
    await recordAudit(tx, {
      ...by,
      organisationId: m.organisationId,
      entityType: 'Migration',
      entityId: encodeGlobalID('Migration', m.id),
      action: 'UPDATE',
      before: { targetProductId: b.id },
      after: { targetProductId: a.id },
      revision: m.revision + 1,
    });
  }
  if (layers.length) await tx.productLayer.createMany({ data: layers.map((layer) => ({ productId: a.id, layer })) });
  if (components.length)
    await tx.productReferenceComponent.createMany({ data: components.map((referenceComponentId) => ({ productId: a.id, referenceComponentId })) });
  if (standards.length) {
    const links = await tx.productStandard.findMany({ where: { productId: b.id, standardId: { in: standards } } });
    await tx.productStandard.createMany({ data: links.map((l) => ({ ...l, productId: a.id })) });
  }
  await tx.product.update({
    where: { id: a.id },
    data: { aliases, revision: { increment: 1 }, ...Object.fromEntries(fields.map((f) => [f, b[f]])) },
  });
  const after = await productSnapshot(tx, a.id);
  await recordAudit(tx, {
    ...by,
    organisationId: a.addedById,
    entityType: 'Product',
    entityId: encodeGlobalID('Product', a.id),
    action: 'MERGE',
    before: a,
    after: after ? { ...after, mergedFrom: b.slug } : null,
    revision: after?.revision ?? null,
  });
  // Its versions that the kept product already had, and its own links, go with it.
  await tx.product.delete({ where: { id: b.id } });
  await recordAudit(tx, {
    ...by,
    organisationId: b.addedById,
    entityType: 'Product',
    entityId: encodeGlobalID('Product', b.id),
    action: 'DELETE',
    before: { ...b, mergedInto: a.slug },
    after: null,
    revision: b.revision,
  });
  return report;
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
export async function addSupplier(tx: Tx, name: string, by: CatalogueWriter, given: { slug?: string; website?: string | null } = {}) {
  const slug = given.slug ?? (await freeSlug(async (s) => Boolean(await tx.supplier.findUnique({ where: { slug: s }, select: { id: true } })), name));
  const created = await tx.supplier.create({ data: { name, slug, website: given.website ?? null, addedById: by.organisationId } });
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
  const slug = await freeSlug(async (s) => Boolean(await tx.product.findUnique({ where: { slug: s }, select: { id: true } })), product.name);
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
  await writeProductChildren(tx, created.id, { referenceComponents: product.referenceComponents?.length ? product.referenceComponents : undefined });
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
export async function versionOf(tx: Tx, productId: string, name: string, by: CatalogueWriter): Promise<{ id: string; added: boolean }> {
  const found = await tx.productVersion.findUnique({ where: { productId_name: { productId, name } }, select: { id: true } });
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
