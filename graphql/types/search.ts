import { z } from 'zod';
import { builder } from '../builder.ts';
import { type SearchHit, search } from '../search.ts';

const SearchKind = builder.enumType('SearchKind', { values: ['PRODUCT', 'SUPPLIER', 'USAGE', 'ORGANISATION', 'REFERENCE_COMPONENT', 'STANDARD'] as const });

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One search result: what it is, its name, a detail line and where it lives on the site.',
  fields: (t) => ({
    kind: t.field({ type: SearchKind, resolve: (h) => h.kind }),
    title: t.exposeString('title'),
    detail: t.exposeString('detail'),
    path: t.exposeString('path'),
    score: t.exposeFloat('score'),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    authScopes: { reader: true },
    description: 'Products, suppliers, usages, organisations, reference components and standards in one ranked list; exact name matches first.',
    args: {
      query: t.arg.string({ required: true, validate: z.string().max(200) }),
      first: t.arg.int({ required: false, validate: z.number().int().min(1).max(100) }),
    },
    resolve: (_root, args, ctx) => search(ctx.db, args.query, args.first ?? 20),
  }),
);
