// Merging two suppliers or two products of the catalogue into one: what moves (products, versions, usages, other names), reported first and applied on request, audited.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { joinAliases, splitAliases } from '#prisma/aliases.ts';
import { type AuditSource, recordAudit, type Tx } from './audit.ts';
import { productSnapshot } from './catalogue.ts';
import type { Viewer } from './context.ts';
import { NotFoundError, ValidationError } from './errors.ts';

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
async function pair<T extends { id: string }>(
  find: (slug: string) => Promise<T | null>,
  keep: string,
  merged: string,
  what: string,
) {
  if (keep === merged)
    throw new ValidationError([{ path: ['input', 'merged'], message: `Kies twee verschillende ${what}.` }]);
  const [kept, gone] = await Promise.all([find(keep), find(merged)]);
  return { kept, gone };
}

/**
 * Merges one supplier into another: its products move to the kept supplier, its name, slug and aliases become aliases
 * of the kept one (so a later file with the old name matches), and it is removed. Without `apply` it only says what
 * would move. All in the caller's transaction, every change audited.
 */
export async function mergeSuppliers(
  tx: Tx,
  keepSlug: string,
  mergedSlug: string,
  apply: boolean,
  by: MergeActor,
): Promise<MergeReport> {
  const { kept, gone } = await pair(
    (slug) => tx.supplier.findUnique({ where: { slug } }),
    keepSlug,
    mergedSlug,
    'leveranciers',
  );
  if (!kept) throw new NotFoundError('Leverancier', keepSlug);
  if (!gone) throw new NotFoundError('Leverancier', mergedSlug);
  const products = await tx.product.findMany({
    where: { supplierId: gone.id },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const aliases = joinAliases(
    [...splitAliases(kept.aliases), gone.name, gone.slug, ...splitAliases(gone.aliases)].filter((a) => a !== kept.name),
  );
  const added = splitAliases(aliases).filter((a) => !splitAliases(kept.aliases).includes(a));
  const moves = [
    products.length
      ? `${plural(products.length, 'pakket gaat', 'pakketten gaan')} naar ${kept.name}: ${products.map((p) => p.name).join(', ')}.`
      : `${gone.name} heeft geen pakketten.`,
    `${kept.name} krijgt als andere ${added.length === 1 ? 'naam' : 'namen'}: ${added.join(', ')}.`,
    ...(!kept.website && gone.website ? [`${kept.name} krijgt de website ${gone.website}.`] : []),
    `${gone.name} (${gone.slug}) wordt verwijderd.`,
  ];
  const report = {
    applied: apply,
    kept: { slug: kept.slug, name: kept.name },
    merged: { slug: gone.slug, name: gone.name },
    moves,
  };
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
export async function mergeProducts(
  tx: Tx,
  keepSlug: string,
  mergedSlug: string,
  apply: boolean,
  by: MergeActor,
): Promise<MergeReport> {
  const { kept, gone } = await pair(
    (slug) => tx.product.findUnique({ where: { slug }, select: { id: true } }),
    keepSlug,
    mergedSlug,
    'pakketten',
  );
  if (!kept) throw new NotFoundError('Pakket', keepSlug);
  if (!gone) throw new NotFoundError('Pakket', mergedSlug);
  const [a, b] = await Promise.all([productSnapshot(tx, kept.id), productSnapshot(tx, gone.id)]);
  if (!a || !b) throw new NotFoundError('Pakket', a ? mergedSlug : keepSlug);
  const [usages, migrations, goneVersions] = await Promise.all([
    tx.usage.findMany({
      where: { productId: b.id },
      select: { id: true, organisationId: true, versionId: true, revision: true },
    }),
    tx.migration.findMany({
      where: { targetProductId: b.id },
      select: { id: true, organisationId: true, revision: true },
    }),
    tx.productVersion.findMany({ where: { productId: b.id }, select: { id: true, name: true } }),
  ]);
  const keptVersions = new Map(
    (await tx.productVersion.findMany({ where: { productId: a.id }, select: { id: true, name: true } })).map((v) => [
      v.name,
      v.id,
    ]),
  );
  const newOnly = <T>(mine: T[], theirs: T[]) => theirs.filter((x) => !mine.includes(x));
  const layers = newOnly(a.layers, b.layers);
  const components = newOnly(a.referenceComponents, b.referenceComponents);
  const standards = newOnly(a.standards, b.standards);
  const fields = (['description', 'licence', 'repository', 'deliveryModel', 'hostingJurisdiction'] as const).filter(
    (f) => a[f] == null && b[f] != null,
  );
  const aliases = joinAliases(
    [...splitAliases(a.aliases), b.name, b.slug, ...splitAliases(b.aliases)].filter((x) => x !== a.name),
  );
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
  const report = {
    applied: apply,
    kept: { slug: a.slug, name: a.name },
    merged: { slug: b.slug, name: b.name },
    moves,
  };
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
    await tx.productReferenceComponent.createMany({
      data: components.map((referenceComponentId) => ({ productId: a.id, referenceComponentId })),
    });
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
