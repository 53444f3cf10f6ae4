// Mutations of the shared catalogue: any editor adds products and suppliers; the adding organisation (or an instance admin) changes them.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireCatalogueEditor, requireEditor, requireInstanceAdmin } from '#core/access.ts';
import { recordAudit } from '#core/audit.ts';
import { addSupplier, productFields, productSnapshot, resolveProduct, toSlug, writeProductChildren } from '#core/catalogue.ts';
import { type MergeReport, mergeProducts, mergeSuppliers } from '#core/catalogue-merge.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput, requiredText, revision, slug } from '#core/input.ts';
import { webAddress } from '#prisma/web-address.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import { Architecture, DeliveryModel, Jurisdiction, Layer } from './enums.ts';
import { Product } from './product.ts';

const options = (name: string) => mutationErrors(name);
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
          after: await productSnapshot(tx, created.id),
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
        const before = id ? await productSnapshot(tx, id) : null;
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
        const after = await productSnapshot(tx, id);
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
      const input = parseInput(z.object({ organisation: slug, name: requiredText(200), slug: slug.nullish(), website: webAddress.nullish() }), args.input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } });
        if (!organisation) throw new NotFoundError('Organisatie', input.organisation);
        const viewer = requireEditor(ctx, organisation.id);
        const supplierSlug = input.slug ?? toSlug(input.name);
        if (!supplierSlug || (await tx.supplier.findUnique({ where: { slug: supplierSlug }, select: { id: true } }))) {
          throw new ValidationError([{ path: ['input', 'slug'], message: `Er is al een leverancier met de sleutel "${supplierSlug}".` }]);
        }
        const created = await addSupplier(
          tx,
          input.name,
          { actor: viewer, source: ctx.source, organisationId: organisation.id },
          { slug: supplierSlug, website: input.website ?? null },
        );
        return tx.supplier.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
);

const MergeItemRef = builder.objectRef<MergeReport['kept']>('MergedItem').implement({
  fields: (t) => ({ slug: t.exposeString('slug'), name: t.exposeString('name') }),
});
const MergeReportRef = builder.objectRef<MergeReport>('MergeReport').implement({
  description: 'What merging two suppliers or products moves; applied only when asked.',
  fields: (t) => ({
    applied: t.exposeBoolean('applied'),
    kept: t.field({ type: MergeItemRef, resolve: (r) => r.kept }),
    merged: t.field({ type: MergeItemRef, resolve: (r) => r.merged }),
    moves: t.exposeStringList('moves', { description: 'What moves, in Dutch, one line each.' }),
  }),
});
const MergeInput = builder.inputType('MergeInput', {
  fields: (t) => ({
    keep: t.string({ required: true, description: 'Slug of the one that stays.' }),
    merged: t.string({ required: true, description: 'Slug of the one merged into it and removed; its name and slug become aliases.' }),
    apply: t.boolean({ description: 'Merge; without it, only say what would move.' }),
  }),
});
const mergeSchema = z.object({ keep: slug, merged: slug, apply: z.boolean().nullish() });

for (const [field, name, merge, what] of [
  ['mergeSuppliers', 'MergeSuppliers', mergeSuppliers, 'leveranciers'],
  ['mergeProducts', 'MergeProducts', mergeProducts, 'pakketten'],
] as const) {
  builder.mutationField(field, (t) =>
    t.field({
      type: MergeReportRef,
      errors: mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]),
      description: `Merges two ${field === 'mergeSuppliers' ? 'suppliers' : 'products'} (instance administrators only): everything pointing at the merged one moves to the kept one, in one audited transaction. A dry run unless apply is set.`,
      args: { input: t.arg({ type: MergeInput, required: true }) },
      resolve: async (_root, args, ctx) => {
        const actor = requireInstanceAdmin(ctx, `Alleen een beheerder van Grondplan mag ${what} samenvoegen.`);
        const input = parseInput(mergeSchema, args.input);
        return ctx.db.prisma.$transaction((tx) => merge(tx, input.keep, input.merged, Boolean(input.apply), { actor, source: ctx.source }));
      },
    }),
  );
}
