// Exports of a landscape in the formats other tools read; the files themselves are built in graphql/exchange/.
import { builder } from '../builder.ts';
import { toAmeff } from '../exchange/ameff.ts';
import { loadLandscape } from '../exchange/load.ts';
import { Organisation } from './organisation.ts';

builder.prismaObjectFields(Organisation, (t) => ({
  ameff: t.string({
    authScopes: { signedIn: true },
    description:
      'The landscape as an ArchiMate Model Exchange File (ArchiMate 3.1, opens in Archi): usages, the GEMMA reference components they specialise (GEMMA object ids kept), national facilities, koppelingen as flows, a view per Common Ground layer.',
    select: { slug: true },
    resolve: async (o, _args, ctx) => {
      const landscape = await loadLandscape(ctx.db, o.slug);
      return landscape ? toAmeff(landscape) : '';
    },
  }),
}));
