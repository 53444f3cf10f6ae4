// GEMMA's published views (platen) as reference data: the list, one view by code and its nodes in drawing order.
// Public like GEMMA itself; an organisation's landscape on a view is read through Organisation.usages (readers only).
import { z } from 'zod';
import type { Context } from '#core/context.ts';
import { builder } from '../builder.ts';
import { GemmaViewNodeKind } from './enums.ts';

/** The reference components' names by GEMMA object id, read once per request: a list of views stays N+1 free. */
const componentNames = new WeakMap<Context, Promise<Map<string, string>>>();
function referenceComponentNames(ctx: Context): Promise<Map<string, string>> {
  let found = componentNames.get(ctx);
  if (!found) {
    found = ctx.db.prisma.referenceComponent
      .findMany({ select: { id: true, name: true } })
      .then((rows) => new Map(rows.map((r) => [r.id, r.name])));
    componentNames.set(ctx, found);
  }
  return found;
}

interface ViewComponent {
  gemmaId: string;
  name: string;
}
const GemmaViewComponent = builder.objectRef<ViewComponent>('GemmaViewComponent').implement({
  description: 'A reference component that is on a GEMMA view (once or more).',
  fields: (t) => ({
    gemmaId: t.exposeString('gemmaId', { description: 'GEMMA object id.' }),
    name: t.exposeString('name'),
  }),
});

builder.prismaObject('GemmaViewNode', {
  description: 'One box on a GEMMA view, in pixels from the view’s top left.',
  fields: (t) => ({
    nodeId: t.exposeString('id', { description: 'GEMMA’s node id within the view.' }),
    parentId: t.exposeString('parentId', { nullable: true, description: 'The node it sits in; null at the top.' }),
    kind: t.expose('kind', { type: GemmaViewNodeKind }),
    objectId: t.exposeString('objectId', { nullable: true, description: 'GEMMA object id of an element.' }),
    archimateType: t.exposeString('archimateType', { nullable: true }),
    gemmaType: t.exposeString('gemmaType', { nullable: true }),
    label: t.exposeString('label'),
    x: t.exposeInt('x'),
    y: t.exposeInt('y'),
    width: t.exposeInt('width'),
    height: t.exposeInt('height'),
    fillColor: t.exposeString('fillColor', { nullable: true, description: '#rrggbb as GEMMA fills the box.' }),
  }),
});

export const GemmaView = builder.prismaObject('GemmaView', {
  description: 'A published GEMMA view (plaat), e.g. RC00 "Alle referentiecomponenten", to plot a landscape on.',
  fields: (t) => ({
    gemmaId: t.exposeString('id', { description: 'GEMMA’s view id.' }),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    width: t.exposeInt('width'),
    height: t.exposeInt('height'),
    nodes: t.relation('nodes', {
      description: 'Every box in drawing order: parents before children, as GEMMA stacks them.',
      query: { orderBy: { position: 'asc' } },
    }),
    referenceComponents: t.field({
      type: [GemmaViewComponent],
      description: 'The reference components on this view, each once, in drawing order.',
      select: { nodes: { select: { objectId: true }, orderBy: { position: 'asc' } } },
      resolve: async (view, _args, ctx) => {
        const names = await referenceComponentNames(ctx);
        const ids = [...new Set(view.nodes.map((n) => n.objectId).filter((id): id is string => !!id && names.has(id)))];
        return ids.map((gemmaId) => ({ gemmaId, name: names.get(gemmaId) ?? '' }));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  gemmaViews: t.prismaField({
    type: ['GemmaView'],
    description: 'GEMMA’s published views, by code.',
    resolve: (query, _root, _args, ctx) => ctx.db.prisma.gemmaView.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
  gemmaView: t.prismaField({
    type: 'GemmaView',
    nullable: true,
    args: { code: t.arg.string({ required: true, validate: z.string().min(1).max(20) }) },
    resolve: (query, _root, args, ctx) => ctx.db.prisma.gemmaView.findUnique({ ...query, where: { code: args.code } }),
  }),
}));
