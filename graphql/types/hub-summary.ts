// The home page's counts over the whole hub. A file of its own: the figures come from kept shares
// (graphql/statistics-hub.ts), which the types every other type file imports must not depend on.
import { builder } from '../builder.ts';
import { hubCounts } from '../statistics-hub.ts';

const HubSummaryRef = builder
  .objectRef<{ organisations: number; usages: number; live: number; commonGround: number }>('HubSummary')
  .implement({
    fields: (t) => ({
      organisations: t.exposeInt('organisations'),
      usages: t.exposeInt('usages', { description: 'Usages registered, whatever their status.' }),
      live: t.exposeInt('live', { description: 'Usages in production or being phased out.' }),
      commonGround: t.exposeInt('commonGround', { description: 'Of those, usages of Common Ground products.' }),
    }),
  });

builder.queryFields((t) => ({
  hubSummary: t.field({
    type: HubSummaryRef,
    description:
      "Counts over the whole hub: the sum of each organisation's own counts, of which only those changed since are counted again.",
    resolve: (_root, _args, ctx) => hubCounts(ctx),
  }),
}));
