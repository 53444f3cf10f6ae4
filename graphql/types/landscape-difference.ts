// What changes in an organisation's landscape between two days (core/landscape-at.ts landscapeDifference): usages that
// come, go or change status, each with the migration that causes it.
import type { Architecture as ArchitectureValue } from '#core/analysis.ts';
import { compareNl } from '#core/collation.ts';
import { todayNl } from '#core/dates.ts';
import { causeOf, changeKind, landscapeDifference } from '#core/landscape-at.ts';
import type { UsageStatus as UsageStatusValue } from '#core/usage-status.ts';
import { builder } from '../builder.ts';
import { landscapeInputs } from '../landscape-at.ts';
import { Architecture, UsageStatus } from './enums.ts';
import { Organisation } from './organisation.ts';

interface Change {
  usageKey: string;
  productName: string;
  productSlug: string;
  architecture: ArchitectureValue;
  before: UsageStatusValue | null;
  after: UsageStatusValue | null;
  migration: { key: string; targetProduct: string; programme: { slug: string; name: string } | null } | null;
}

const ChangeKind = builder.enumType('LandscapeChangeKind', {
  values: {
    COMES: { description: 'Not in the landscape (or retired) on the first day, there on the second.' },
    GOES: { description: 'There on the first day, retired or not there on the second.' },
    CHANGES: { description: 'There on both days with another status.' },
  } as const,
});

const CauseRef = builder.objectRef<NonNullable<Change['migration']>>('LandscapeChangeCause').implement({
  description: 'The migration whose go-live or parallel-run end falls between the two days.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The migration’s key within the organisation.' }),
    targetProduct: t.exposeString('targetProduct', { description: 'Name of the product migrated to.' }),
    programmeSlug: t.string({ nullable: true, resolve: (m) => m.programme?.slug ?? null }),
    programmeName: t.string({ nullable: true, resolve: (m) => m.programme?.name ?? null }),
  }),
});

const ChangeRef = builder.objectRef<Change>('LandscapeChange').implement({
  fields: (t) => ({
    kind: t.field({ type: ChangeKind, resolve: (c) => changeKind(c) }),
    usageKey: t.exposeString('usageKey'),
    productName: t.exposeString('productName'),
    productSlug: t.exposeString('productSlug'),
    architecture: t.field({ type: Architecture, resolve: (c) => c.architecture }),
    before: t.field({
      type: UsageStatus,
      nullable: true,
      description: 'Status on the first day; null: not there.',
      resolve: (c) => c.before,
    }),
    after: t.field({
      type: UsageStatus,
      nullable: true,
      description: 'Status on the second day; null: not there.',
      resolve: (c) => c.after,
    }),
    migration: t.field({ type: CauseRef, nullable: true, resolve: (c) => c.migration }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => ({
  landscapeDifference: t.field({
    type: [ChangeRef],
    authScopes: { reader: true },
    description:
      'What changes between two days: usages that come, go (retired counts as gone) or change status, by product name. Each day as the `at` argument reads it.',
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: async (o, args, ctx) => {
      const inputs = await landscapeInputs(ctx, o.id);
      const changes = landscapeDifference(inputs.usages, inputs.migrations, args.from, args.to, todayNl());
      if (changes.length === 0) return [];
      const causes = new Map(
        changes.map((c) => [c.usage.id, causeOf(c.usage.id, inputs.migrations, args.from, args.to)]),
      );
      const [usages, migrations] = await Promise.all([
        ctx.db.prisma.usage.findMany({
          where: { id: { in: changes.map((c) => c.usage.id) } },
          select: { id: true, key: true, product: { select: { name: true, slug: true, architecture: true } } },
        }),
        ctx.db.prisma.migration.findMany({
          where: { id: { in: [...causes.values()].flatMap((m) => (m ? [m.id] : [])) } },
          select: {
            id: true,
            key: true,
            targetProduct: { select: { name: true } },
            programme: { select: { slug: true, name: true } },
          },
        }),
      ]);
      const usageById = new Map(usages.map((u) => [u.id, u]));
      const migrationById = new Map(migrations.map((m) => [m.id, m]));
      return changes
        .flatMap((c): Change[] => {
          const usage = usageById.get(c.usage.id);
          if (!usage) return [];
          const cause = migrationById.get(causes.get(c.usage.id)?.id ?? '');
          return [
            {
              usageKey: usage.key,
              productName: usage.product.name,
              productSlug: usage.product.slug,
              architecture: usage.product.architecture,
              before: c.before,
              after: c.after,
              migration: cause
                ? { key: cause.key, targetProduct: cause.targetProduct.name, programme: cause.programme }
                : null,
            },
          ];
        })
        .sort((a, b) => compareNl(a.productName, b.productName) || a.usageKey.localeCompare(b.usageKey));
    },
  }),
}));
