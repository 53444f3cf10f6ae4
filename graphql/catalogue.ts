// The shared catalogue's product rules, used by the product mutations and the publiccode.yml import alike.
import { z } from 'zod';
import { webAddress } from '../prisma/web-address.ts';
import type { Tx } from './audit.ts';
import { ValidationError } from './errors.ts';
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
  architecture: z.enum(['LEGACY', 'HYBRID', 'COMMON_GROUND']),
  layers: z.array(z.enum(['INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA'])).min(1, 'Kies minstens één laag.'),
  referenceComponents: z.array(gemmaId).min(1, 'Kies minstens één referentiecomponent.').max(50),
  standards: z.array(gemmaId).max(100).nullish(),
  description: text(2000).nullish(),
  licence: text(100).nullish(),
  repository: webAddress.nullish(),
  deliveryModel: z.enum(['ON_PREMISES', 'IAAS', 'PAAS', 'SAAS']).nullish(),
  hostingJurisdiction: z.enum(['NL', 'EU', 'US', 'OTHER']).nullish(),
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
