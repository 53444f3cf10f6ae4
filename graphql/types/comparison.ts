// Comparing landscapes: adoption figures, standards gaps and the comparison matrix with consolidation candidates.

import { z } from 'zod';
import type { Architecture as ArchitectureValue, Status } from '#core/analysis.ts';
import { compareNl } from '#core/collation.ts';
import { type ComparisonUsage, comparisonRows, consolidation, explainAlternative } from '#core/comparison.ts';
import { NotFoundError } from '#core/errors.ts';
import { join, sql } from '#prisma/client.ts';
import { builder } from '../builder.ts';
import { AT_DESCRIPTION, statusesOfAll } from '../landscape-at.ts';
import { Architecture, UsageStatus } from './enums.ts';

export interface CellUsage {
  key: string;
  status: Status;
  productSlug: string;
  productName: string;
  architecture: ArchitectureValue;
}
export const CellUsageRef = builder.objectRef<CellUsage>('ComparisonUsage').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    status: t.field({ type: UsageStatus, resolve: (u) => u.status }),
    productSlug: t.exposeString('productSlug'),
    productName: t.exposeString('productName'),
    architecture: t.field({ type: Architecture, resolve: (u) => u.architecture }),
  }),
});
interface Cell {
  organisation: string;
  usages: CellUsage[];
}
const CellRef = builder.objectRef<Cell>('ComparisonCell').implement({
  fields: (t) => ({
    organisation: t.exposeString('organisation', { description: 'Organisation slug.' }),
    usages: t.field({ type: [CellUsageRef], resolve: (c) => c.usages }),
  }),
});
export interface Component {
  gemmaId: string;
  name: string;
  group: string;
}
export const ComponentRef = builder.objectRef<Component>('ComparisonComponent').implement({
  fields: (t) => ({ gemmaId: t.exposeString('gemmaId'), name: t.exposeString('name'), group: t.exposeString('group') }),
});
interface Row {
  component: Component;
  cells: Cell[];
  differs: boolean;
  hasLegacy: boolean;
  sharedProducts: string[];
}
const RowRef = builder.objectRef<Row>('ComparisonRow').implement({
  fields: (t) => ({
    referenceComponent: t.field({ type: ComponentRef, resolve: (r) => r.component }),
    cells: t.field({ type: [CellRef], resolve: (r) => r.cells }),
    differs: t.exposeBoolean('differs', {
      description:
        'The organisations that use the component chose different products; one without it is no difference.',
    }),
    hasLegacy: t.exposeBoolean('hasLegacy'),
    sharedProducts: t.exposeStringList('sharedProducts', {
      description: 'Names of products two or more of the organisations use here.',
    }),
  }),
});
interface AlternativeProduct {
  name: string;
  slug: string;
  organisations: string[];
}
const AlternativeProductRef = builder.objectRef<AlternativeProduct>('ConsolidationProduct').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    slug: t.exposeString('slug'),
    organisations: t.exposeStringList('organisations', {
      description: 'Slugs of the compared organisations that run it.',
    }),
  }),
});
interface AlternativeShape {
  products: AlternativeProduct[];
  sameComponents: boolean;
  sharedComponents: Component[];
  extraComponents: Component[];
  explanation: string;
}
const AlternativeRef = builder.objectRef<AlternativeShape>('ConsolidationAlternative').implement({
  description: 'Two products in use where one can replace the other (core/comparison.ts, alternativeOf).',
  fields: (t) => ({
    products: t.field({
      type: [AlternativeProductRef],
      description: 'The pair; the one realising fewer components first.',
      resolve: (a) => a.products,
    }),
    sameComponents: t.exposeBoolean('sameComponents', {
      description: 'Both realise exactly the same reference components.',
    }),
    sharedComponents: t.field({ type: [ComponentRef], resolve: (a) => a.sharedComponents }),
    extraComponents: t.field({
      type: [ComponentRef],
      description: 'What only the second product realises.',
      resolve: (a) => a.extraComponents,
    }),
    explanation: t.exposeString('explanation', { description: 'Why the two are paired, in Dutch.' }),
  }),
});
const SeparateBeheerRef = builder
  .objectRef<{ product: string; organisations: string[]; operatorCount: number }>('ConsolidationSeparateBeheer')
  .implement({
    fields: (t) => ({
      product: t.exposeString('product'),
      organisations: t.exposeStringList('organisations'),
      operatorCount: t.exposeInt('operatorCount'),
    }),
  });
interface Candidates {
  alternatives: AlternativeShape[];
  separateBeheer: { product: string; organisations: string[]; operatorCount: number }[];
}
interface ComparisonShape {
  organisations: string[];
  rows: Row[];
  /** Worked out on first use: the matrix alone is the common question, and candidates cost a pass over every usage. */
  candidates: () => Promise<Candidates>;
}
const ComparisonRef = builder.objectRef<ComparisonShape>('Comparison').implement({
  fields: (t) => ({
    organisations: t.exposeStringList('organisations', { description: 'Slugs, in column order.' }),
    rows: t.field({ type: [RowRef], resolve: (c) => c.rows }),
    alternatives: t.field({
      type: [AlternativeRef],
      description:
        'Consolidation candidates: products in use where one can replace the other (same reference components, comparable scope).',
      resolve: async (c) => (await c.candidates()).alternatives,
    }),
    separateBeheer: t.field({
      type: [SeparateBeheerRef],
      description: 'Consolidation candidates: same product, separate technisch beheer.',
      resolve: async (c) => (await c.candidates()).separateBeheer,
    }),
  }),
});

interface ComparisonSqlRow {
  id: string;
  key: string;
  organisationId: string;
  operatorId: string | null;
  status: CellUsage['status'];
  productId: string;
  referenceComponentId: string | null;
}

/** A loaded usage as the analysis reads it and as a cell shows it: one object per usage, however many cells hold it. */
type LoadedUsage = ComparisonUsage & CellUsage;

builder.queryField('comparison', (t) =>
  t.field({
    type: ComparisonRef,
    authScopes: { reader: true },
    description: 'GEMMA reference components x organisations, with the products each uses.',
    args: {
      organisations: t.arg.stringList({ required: true, validate: z.array(z.string().min(1).max(100)).min(1).max(20) }),
      group: t.arg.string({ required: false, validate: z.string().min(1).max(200) }),
      at: t.arg({ type: 'Date', required: false, description: AT_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      const p = ctx.db.prisma;
      const orgs = await p.organisation.findMany({
        where: { slug: { in: args.organisations } },
        select: { id: true, slug: true, name: true },
      });
      for (const slug of args.organisations)
        if (!orgs.some((o) => o.slug === slug)) throw new NotFoundError('Organisatie', slug);
      const ids = args.organisations.map((slug) => orgs.find((o) => o.slug === slug)?.id ?? '');
      // One join instead of a usage query plus chunked product and component queries: the ORM's version cost five
      // times the SQL at twelve large landscapes. Products come apart (a few hundred against thousands of rows).
      // Read past the ORM (its row conversion cost a fifth of an uncached comparison).
      const loaded = await ctx.db.hotRead<ComparisonSqlRow>(sql`
        SELECT u."id", u."key", u."organisationId", u."operatorId", u."status", u."productId", urc."referenceComponentId"
        FROM "Usage" u LEFT JOIN "UsageReferenceComponent" urc ON urc."usageId" = u."id"
        WHERE u."organisationId" IN (${join(ids)}) ${args.at ? sql`` : sql`AND u."status" <> 'RETIRED'`}
        ORDER BY u."id"`);
      // On another day: each usage with its status then; those not there or retired then are left out.
      const statuses = args.at ? await statusesOfAll(ctx, ids, args.at) : null;
      const rows = statuses
        ? loaded.flatMap((r) => {
            const status = statuses.get(r.id);
            return status && status !== 'RETIRED' ? [{ ...r, status }] : [];
          })
        : loaded;
      const products = await p.product.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.productId))] } },
        select: { id: true, slug: true, name: true, architecture: true },
      });
      const productById = new Map(products.map((product) => [product.id, product]));
      const usages: LoadedUsage[] = [];
      for (const row of rows) {
        const last = usages[usages.length - 1];
        if (last?.id === row.id) {
          if (row.referenceComponentId) last.referenceComponentIds.push(row.referenceComponentId);
          continue;
        }
        const product = productById.get(row.productId);
        if (!product) continue;
        usages.push({
          id: row.id,
          key: row.key,
          organisationId: row.organisationId,
          operatorId: row.operatorId,
          status: row.status,
          product,
          productSlug: product.slug,
          productName: product.name,
          architecture: product.architecture,
          referenceComponentIds: row.referenceComponentId ? [row.referenceComponentId] : [],
        });
      }
      const componentIds = [...new Set(usages.flatMap((u) => u.referenceComponentIds))];
      const components = await p.referenceComponent.findMany({
        where: { id: { in: componentIds }, ...(args.group ? { group: args.group } : {}) },
        select: { id: true, name: true, group: true },
      });
      const componentById = new Map(components.map((c) => [c.id, { gemmaId: c.id, name: c.name, group: c.group }]));
      const slugOf = new Map(orgs.map((o) => [o.id, o.slug]));
      const productName = new Map(products.map((product) => [product.id, product.name]));
      const computed = comparisonRows(ids, usages).filter((r) => componentById.has(r.referenceComponentId));
      const shaped: Row[] = computed
        .map((r) => ({
          component: componentById.get(r.referenceComponentId) as Component,
          cells: r.cells.map((c) => ({
            organisation: slugOf.get(c.organisationId) ?? '',
            usages: c.usages as LoadedUsage[],
          })),
          differs: r.differs,
          hasLegacy: r.hasLegacy,
          sharedProducts: r.sharedProductIds.map((id) => productName.get(id) ?? id),
        }))
        .sort(
          (a, b) => compareNl(a.component.group, b.component.group) || compareNl(a.component.name, b.component.name),
        );
      let candidates: Promise<Candidates> | undefined;
      const shapeCandidates = async (): Promise<Candidates> => {
        // The catalogue's components of the products in use, with their names: what a product can do, not only what
        // these organisations use it for.
        const links = await p.productReferenceComponent.findMany({
          where: { productId: { in: products.map((product) => product.id) } },
          select: { productId: true, referenceComponent: { select: { id: true, name: true, group: true } } },
        });
        const catalogue = Map.groupBy(links, (l) => l.productId);
        const componentOf = (id: string): Component => {
          const known = componentById.get(id) ?? links.find((l) => l.referenceComponent.id === id)?.referenceComponent;
          return known ? { gemmaId: id, name: known.name, group: known.group } : { gemmaId: id, name: id, group: '' };
        };
        const found = consolidation(computed, usages, ids, (productId) =>
          (catalogue.get(productId) ?? []).map((l) => l.referenceComponent.id),
        );
        return {
          alternatives: found.alternatives
            .map((a) => {
              const pair = a.productIds.map((id, i) => ({
                name: productName.get(id) ?? id,
                slug: productById.get(id)?.slug ?? id,
                // In column order, as the matrix shows them.
                organisations: ids.filter((o) => a.organisationIds[i]?.includes(o)).map((o) => slugOf.get(o) ?? o),
              }));
              return {
                products: pair,
                sameComponents: a.relation === 'SAME',
                sharedComponents: a.sharedComponentIds.map(componentOf),
                extraComponents: a.extraComponentIds.map(componentOf),
                explanation: explainAlternative(
                  a,
                  [pair[0]?.name ?? '', pair[1]?.name ?? ''],
                  (id) => componentOf(id).name,
                ),
              };
            })
            .sort(
              (x, y) =>
                compareNl(x.products[0]?.name ?? '', y.products[0]?.name ?? '') ||
                compareNl(x.products[1]?.name ?? '', y.products[1]?.name ?? ''),
            ),
          separateBeheer: found.separateBeheer.map((s) => ({
            product: productName.get(s.productId) ?? s.productId,
            organisations: s.organisationIds.map((id) => slugOf.get(id) ?? id),
            operatorCount: s.operatorCount,
          })),
        };
      };
      return { organisations: args.organisations, rows: shaped, candidates: () => (candidates ??= shapeCandidates()) };
    },
  }),
);
