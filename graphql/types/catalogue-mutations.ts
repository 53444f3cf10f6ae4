// Mutations of the shared catalogue: any editor adds products and suppliers; the adding organisation (or an instance admin) changes them.
import type { z } from 'zod';
import { editorOf, requireCatalogueEditor, requireInstanceAdmin } from '#core/access.ts';
import {
  addSupplier,
  productFields,
  productSnapshot,
  resolveProduct,
  toSlug,
  writeProductChildren,
} from '#core/catalogue.ts';
import { type MergeReport, mergeProducts, mergeSuppliers } from '#core/catalogue-merge.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { requiredText, revision, slug } from '#core/input.ts';
import { auditChange, loadAtRevision, updateAtRevision, writerOf } from '#core/revisioned-write.ts';
import { webAddress } from '#prisma/web-address.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import { Architecture, DeliveryModel, Jurisdiction, Layer } from './enums.ts';
import { Product } from './product.ts';

/** A product's fields, validated as the catalogue validates them anywhere (core/catalogue.ts); `required` on create. */
const field = productFields.shape;
const ProductInputFields = (t: InputFields, required: boolean) => ({
  name: t.string({ required, validate: field.name }),
  supplier: t.string({ required, description: 'Supplier slug.', validate: field.supplier }),
  architecture: t.field({ type: Architecture, required }),
  layers: t.field({ type: [Layer], required, validate: field.layers }),
  referenceComponents: t.stringList({ required, description: 'GEMMA ids.', validate: field.referenceComponents }),
  standards: t.stringList({ description: 'GEMMA ids.', validate: field.standards }),
  description: t.string({ validate: field.description }),
  licence: t.string({ description: 'SPDX id when open source.', validate: field.licence }),
  repository: t.string({ validate: field.repository }),
  deliveryModel: t.field({ type: DeliveryModel }),
  hostingJurisdiction: t.field({ type: Jurisdiction }),
  versions: t.stringList({ description: 'Version names; existing versions are kept.', validate: field.versions }),
});

const CreateProductInput = builder.inputType('CreateProductInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, description: 'Slug of the organisation adding it.', validate: slug }),
    slug: t.string({ validate: slug }),
    ...ProductInputFields(t, true),
  }),
});
const UpdateProductInput = builder.inputType('UpdateProductInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: Product }),
    revision: t.int({ required: true, validate: revision }),
    ...ProductInputFields(t, false),
  }),
});

/** What a product always has (name, supplier, architecture, layers, components): null on update keeps it, as leaving it out does. */
const always = new Set(['name', 'supplier', 'architecture', 'layers', 'referenceComponents']);
const changes = (input: object) =>
  Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== null || !always.has(key))) as Partial<
    z.infer<typeof productFields>
  >;

builder.mutationField('createProduct', (t) =>
  t.prismaField({
    type: Product,
    errors: mutationErrors('CreateProduct'),
    args: { input: t.arg({ type: CreateProductInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { organisation, viewer } = await editorOf(tx, ctx, input.organisation);
        const data = await resolveProduct(tx, changes(input));
        const productSlug = input.slug ?? toSlug(input.name ?? '');
        if (!productSlug || (await tx.product.findUnique({ where: { slug: productSlug }, select: { id: true } }))) {
          throw new ValidationError([
            { path: ['input', 'slug'], message: `Er is al een pakket met de sleutel "${productSlug}".` },
          ]);
        }
        const { id } = await tx.product.create({
          data: {
            ...(data as { name: string; supplierId: string; architecture: 'LEGACY' }),
            slug: productSlug,
            addedById: organisation.id,
          },
          select: { id: true },
        });
        await writeProductChildren(tx, id, changes(input));
        const by = { actor: viewer, source: ctx.source, organisationId: organisation.id };
        await auditChange(tx, by, { type: 'Product', id }, 'CREATE', null, await productSnapshot(tx, id));
        return tx.product.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('updateProduct', (t) =>
  t.prismaField({
    type: Product,
    errors: mutationErrors('UpdateProduct'),
    args: { input: t.arg({ type: UpdateProductInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'Product', id: input.id.id } as const;
        const authorize = (p: { addedById: string | null }) => requireCatalogueEditor(ctx, p.addedById);
        const before = await loadAtRevision(
          tx,
          row,
          input.revision,
          (id: string) => productSnapshot(tx, id),
          authorize,
          ctx.viewer,
        );
        await updateAtRevision(tx, row, input.revision, await resolveProduct(tx, changes(input)));
        await writeProductChildren(tx, row.id, changes(input));
        await auditChange(
          tx,
          writerOf(ctx, before.addedById),
          row,
          'UPDATE',
          before,
          await productSnapshot(tx, row.id),
        );
        return tx.product.findUniqueOrThrow({ ...selection(query), where: { id: row.id } });
      }),
  }),
);

const CreateSupplierInput = builder.inputType('CreateSupplierInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, description: 'Slug of the organisation adding it.', validate: slug }),
    name: t.string({ required: true, validate: requiredText(200) }),
    slug: t.string({ validate: slug }),
    website: t.string({ validate: webAddress }),
  }),
});

builder.mutationField('createSupplier', (t) =>
  t.prismaField({
    type: 'Supplier',
    errors: mutationErrors('CreateSupplier'),
    args: { input: t.arg({ type: CreateSupplierInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { organisation, viewer } = await editorOf(tx, ctx, input.organisation);
        const supplierSlug = input.slug ?? toSlug(input.name);
        if (!supplierSlug || (await tx.supplier.findUnique({ where: { slug: supplierSlug }, select: { id: true } }))) {
          throw new ValidationError([
            { path: ['input', 'slug'], message: `Er is al een leverancier met de sleutel "${supplierSlug}".` },
          ]);
        }
        const created = await addSupplier(
          tx,
          input.name,
          { actor: viewer, source: ctx.source, organisationId: organisation.id },
          { slug: supplierSlug, website: input.website ?? null },
        );
        return tx.supplier.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      }),
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
    keep: t.string({ required: true, description: 'Slug of the one that stays.', validate: slug }),
    merged: t.string({
      required: true,
      description: 'Slug of the one merged into it and removed; its name and slug become aliases.',
      validate: slug,
    }),
    apply: t.boolean({ description: 'Merge; without it, only say what would move.' }),
  }),
});

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
      resolve: async (_root, { input }, ctx) => {
        const actor = requireInstanceAdmin(ctx, `Alleen een beheerder van Grondplan mag ${what} samenvoegen.`);
        return ctx.db.prisma.$transaction((tx) =>
          merge(tx, input.keep, input.merged, Boolean(input.apply), { actor, source: ctx.source }),
        );
      },
    }),
  );
}
