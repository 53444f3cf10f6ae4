import { z } from 'zod';
import { SEARCH_KINDS, SEARCH_MATCHES, type SearchHit, search } from '#core/search.ts';
import { builder } from '../builder.ts';

const SearchKind = builder.enumType('SearchKind', { values: SEARCH_KINDS });

const SearchMatch = builder.enumType('SearchMatch', {
  description:
    'How a result matched: its name is the query, its name begins with it, found through another result, or only looks like it.',
  values: SEARCH_MATCHES,
});

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One search result: what it is, its name, a detail line, where it lives on the site and why it matched.',
  fields: (t) => ({
    kind: t.field({ type: SearchKind, resolve: (h) => h.kind }),
    title: t.exposeString('title'),
    detail: t.exposeString('detail'),
    path: t.exposeString('path'),
    score: t.exposeFloat('score'),
    match: t.field({ type: SearchMatch, resolve: (h) => h.match }),
    reason: t.exposeString('reason', { description: 'Why it matched, in Dutch.' }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    authScopes: { reader: true },
    description:
      'Products, suppliers, usages, organisations, reference components and standards in one ranked list. Words naming an organisation narrow usages to it; a reference component (also by its other names) brings in the products realising it and their usages. Usages matching both first, then exact names, then names beginning with the query, then related results, then look-alikes.',
    args: {
      query: t.arg.string({ required: true, validate: z.string().max(200) }),
      first: t.arg.int({ required: false, validate: z.number().int().min(1).max(100) }),
    },
    resolve: (_root, args, ctx) => search(ctx, args.query, args.first ?? 20),
  }),
);
