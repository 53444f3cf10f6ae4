// Statements of applicability side by side: for 2 to 4 organisations, each column holds the organisation's lines when
// the reader may read its statement (core/vvt.ts mayReadVvt), else none and `readable` false. Read in a fixed number
// of statements whatever the number of organisations (test/integration/query-counts.test.ts).
import { z } from 'zod';
import { readVvtShares } from '#core/exchange/vvt-exchange.ts';
import { slug } from '#core/input.ts';
import { mayReadVvt, PRIVATE_SHARE } from '#core/vvt.ts';
import { MAX_COMPARED, MIN_COMPARED } from '#core/vvt-compare.ts';
import type { VvtStatement as Row } from '#prisma/generated/sqlite/client/client.ts';
import { builder } from '../builder.ts';
import { VvtStatement } from './vvt.ts';

interface Column {
  slug: string;
  name: string;
  readable: boolean;
  lines: Row[];
}

const ColumnRef = builder.objectRef<Column>('VvtComparisonColumn').implement({
  description: 'One organisation in a comparison of statements of applicability.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    readable: t.exposeBoolean('readable', { description: 'Whether the viewer may read this statement.' }),
    statements: t.field({
      type: [VvtStatement],
      description: 'Its lines; empty when not readable. Ask measureNumber, not measure, per line.',
      resolve: (c) => c.lines,
    }),
  }),
});

builder.queryField('vvtComparison', (t) =>
  t.field({
    type: [ColumnRef],
    authScopes: { reader: true },
    description: `Statements of ${MIN_COMPARED} to ${MAX_COMPARED} organisations side by side, in the order asked; unknown organisations left out.`,
    args: {
      organisations: t.arg.stringList({
        required: true,
        validate: z
          .array(slug)
          .min(MIN_COMPARED, `Kies ten minste ${MIN_COMPARED} organisaties.`)
          .max(MAX_COMPARED, `Kies ten hoogste ${MAX_COMPARED} organisaties.`),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const slugs = [...new Set(args.organisations)];
      const found = await ctx.db.prisma.organisation.findMany({
        where: { slug: { in: slugs } },
        select: { id: true, slug: true, name: true },
      });
      const shares = await readVvtShares(
        ctx.db.prisma,
        found.map((o) => o.id),
      );
      const readable = found.filter((o) => mayReadVvt(ctx.viewer, o.id, shares.get(o.id) ?? PRIVATE_SHARE));
      const lines = readable.length
        ? await ctx.db.prisma.vvtStatement.findMany({ where: { organisationId: { in: readable.map((o) => o.id) } } })
        : [];
      return slugs.flatMap((s) => {
        const o = found.find((f) => f.slug === s);
        if (!o) return [];
        const may = readable.includes(o);
        return [
          {
            slug: o.slug,
            name: o.name,
            readable: may,
            lines: may ? lines.filter((l) => l.organisationId === o.id) : [],
          },
        ];
      });
    },
  }),
);
