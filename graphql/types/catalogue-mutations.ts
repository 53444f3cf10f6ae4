// Mutations of the shared catalogue: any editor adds products and suppliers; the adding organisation (or an instance admin) changes them.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireCatalogueEditor, requireEditor } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import type { Context } from '../context.ts';
import { ConflictError, mutationErrors, NotFoundError, ValidationError } from '../errors.ts';
import { gemmaId, parseInput, requiredText, revision, slug, text } from '../input.ts';
import { Architecture, DeliveryModel, Jurisdiction, Layer } from './enums.ts';
import { Product } from './product.ts';

type Tx = Parameters<Parameters<Context['db']['prisma']['$transaction']>[0]>[0];
const options = (name: string) => mutationErrors(name);
const toSlug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);

const productFields = z.object({
  name: requiredText(200),
  supplier: slug,
  architecture: z.enum(['LEGACY', 'HYBRID', 'COMMON_GROUND']),
  layers: z.array(z.enum(['INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA'])).min(1, 'Kies minstens één laag.'),
  referenceComponents: z.array(gemmaId).min(1, 'Kies minstens één referentiecomponent.').max(50),
  standards: z.array(gemmaId).max(100).nullish(),
  description: text(2000).nullish(),
  licence: text(100).nullish(),
  repository: z.url('Geen geldige URL.').max(500).nullish(),
  deliveryModel: z.enum(['ON_PREMISES', 'IAAS', 'PAAS', 'SAAS']).nullish(),
  hostingJurisdiction: z.enum(['NL', 'EU', 'US', 'OTHER']).nullish(),
  versions: z.array(requiredText(100)).max(50).nullish(),
});
const createProductSchema = productFields.extend({ organisation: slug, slug: slug.nullish() });
const updateProductSchema = productFields.partial().extend({ id: z.string().min(1).max(200), revision });

const ProductInputFields = (t: InputFields, required: boolean) => ({
  name: t.string({ required }),
  supplier: t.string({ required, description: 'Supplier slug.' }),
  architecture: t.field({ type: Architecture, required }),
  layers: t.field({ type: [Layer], required }),
  referenceComponents: t.stringList({ required, description: 'GEMMA ids.' }),
  standards: t.stringList({ description: 'GEMMA ids.' }),
  description: t.string(),
  licence: t.string({ description: 'SPDX id when open source.' }),
  repository: t.string(),
  deliveryModel: t.field({ type: DeliveryModel }),
  hostingJurisdiction: t.field({ type: Jurisdiction }),
  versions: t.stringList({ description: 'Version names; existing versions are kept.' }),
});

const CreateProductInput = builder.inputType('CreateProductInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, description: 'Slug of the organisation adding it.' }),
    slug: t.string(),
    ...ProductInputFields(t, true),
  }),
});
const UpdateProductInput = builder.inputType('UpdateProductInput', {
  fields: (t) => ({ id: t.id({ required: true }), revision: t.int({ required: true }), ...ProductInputFields(t, false) }),
});

async function snapshot(tx: Tx, id: string) {
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

async function resolveProduct(tx: Tx, input: Partial<z.infer<typeof productFields>>) {
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

async function writeProductChildren(tx: Tx, productId: string, input: Partial<z.infer<typeof productFields>>) {
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

builder.mutationField('createProduct', (t) =>
  t.prismaField({
    type: Product,
    errors: options('CreateProduct'),
    args: { input: t.arg({ type: CreateProductInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(createProductSchema, args.input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!organisation) throw new NotFoundError('Organisatie', input.organisation);
        const viewer = requireEditor(ctx, organisation.id);
        const data = await resolveProduct(tx, input);
        const productSlug = input.slug ?? toSlug(input.name);
        if (!productSlug || (await tx.product.findUnique({ where: { slug: productSlug }, select: { id: true } }))) {
          throw new ValidationError([{ path: ['input', 'slug'], message: `Er is al een pakket met de sleutel "${productSlug}".` }]);
        }
        const created = await tx.product.create({
          data: { ...(data as { name: string; supplierId: string; architecture: 'LEGACY' }), slug: productSlug, addedById: organisation.id },
          select: { id: true },
        });
        await writeProductChildren(tx, created.id, input);
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: organisation.id,
          entityType: 'Product',
          entityId: encodeGlobalID('Product', created.id),
          action: 'CREATE',
          before: null,
          after: await snapshot(tx, created.id),
          revision: 1,
        });
        return tx.product.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);

builder.mutationField('updateProduct', (t) =>
  t.prismaField({
    type: Product,
    errors: options('UpdateProduct'),
    args: { input: t.arg({ type: UpdateProductInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(updateProductSchema, { ...args.input, id: String(args.input.id) });
      return ctx.db.prisma.$transaction(async (tx) => {
        let id = '';
        try {
          const decoded = decodeGlobalID(input.id);
          if (decoded.typename === 'Product') id = decoded.id;
        } catch {
          id = '';
        }
        const before = id ? await snapshot(tx, id) : null;
        if (!before) throw new NotFoundError('Pakket', input.id);
        const viewer = requireCatalogueEditor(ctx, before.addedById);
        if (before.revision !== input.revision)
          throw new ConflictError(
            `Dit pakket is intussen gewijzigd (revisie ${input.revision} → ${before.revision}). Er is niets overschreven; laad opnieuw.`,
            before.revision,
          );
        const data = await resolveProduct(tx, input);
        const { count } = await tx.product.updateMany({ where: { id, revision: input.revision }, data: { ...data, revision: { increment: 1 } } });
        if (count === 0) throw new ConflictError('Dit pakket is intussen gewijzigd. Er is niets overschreven; laad opnieuw.', before.revision + 1);
        await writeProductChildren(tx, id, input);
        const after = await snapshot(tx, id);
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: before.addedById,
          entityType: 'Product',
          entityId: input.id,
          action: 'UPDATE',
          before,
          after,
          revision: after?.revision ?? null,
        });
        return tx.product.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
);

const CreateSupplierInput = builder.inputType('CreateSupplierInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, description: 'Slug of the organisation adding it.' }),
    name: t.string({ required: true }),
    slug: t.string(),
    website: t.string(),
  }),
});

builder.mutationField('createSupplier', (t) =>
  t.prismaField({
    type: 'Supplier',
    errors: options('CreateSupplier'),
    args: { input: t.arg({ type: CreateSupplierInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(
        z.object({ organisation: slug, name: requiredText(200), slug: slug.nullish(), website: z.url('Geen geldige URL.').max(500).nullish() }),
        args.input,
      );
      return ctx.db.prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!organisation) throw new NotFoundError('Organisatie', input.organisation);
        const viewer = requireEditor(ctx, organisation.id);
        const supplierSlug = input.slug ?? toSlug(input.name);
        if (!supplierSlug || (await tx.supplier.findUnique({ where: { slug: supplierSlug }, select: { id: true } }))) {
          throw new ValidationError([{ path: ['input', 'slug'], message: `Er is al een leverancier met de sleutel "${supplierSlug}".` }]);
        }
        const created = await tx.supplier.create({
          data: { name: input.name, slug: supplierSlug, website: input.website ?? null, addedById: organisation.id },
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: organisation.id,
          entityType: 'Supplier',
          entityId: encodeGlobalID('Supplier', created.id),
          action: 'CREATE',
          before: null,
          after: created,
          revision: 1,
        });
        return tx.supplier.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);
