import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { Change } from '../audit.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One changed field; values as JSON text.',
  fields: (t) => ({
    field: t.exposeString('field'),
    before: t.string({ nullable: true, resolve: (c) => (c.before === null || c.before === undefined ? null : JSON.stringify(c.before)) }),
    after: t.string({ nullable: true, resolve: (c) => (c.after === null || c.after === undefined ? null : JSON.stringify(c.after)) }),
  }),
});

const AuditSource = builder.enumType('AuditSource', { values: ['UI', 'API', 'SEED', 'IMPORT', 'CLI'] as const });

builder.prismaNode('AuditEvent', {
  id: { field: 'id' },
  description: 'Append-only record of one change: who, when, what, from where. No API changes or deletes it.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    actor: t.exposeString('actorLabel', { description: 'E-mail address of the user, or the process (seed, import).' }),
    organisation: t.relation('organisation', { nullable: true }),
    entityType: t.exposeString('entityType'),
    entityId: t.exposeString('entityId', { description: 'Relay global id of the changed entity.' }),
    action: t.exposeString('action'),
    source: t.field({ type: AuditSource, resolve: (e) => e.source }),
    revision: t.exposeInt('revision', { nullable: true, description: 'Revision of the entity after the change.' }),
    changes: t.field({
      type: [FieldChangeRef],
      resolve: (e) => Object.entries(JSON.parse(e.changes) as Record<string, Change>).map(([field, c]) => ({ field, before: c.before, after: c.after })),
    }),
  }),
});

builder.queryField('auditEvents', (t) =>
  t.prismaConnection({
    type: 'AuditEvent',
    cursor: 'id',
    maxSize: 200,
    defaultSize: 50,
    authScopes: { signedIn: true },
    totalCount: (_parent, args, ctx) => ctx.db.prisma.auditEvent.count({ where: { ...auditFilter(args), ...accountEvents(ctx) } }),
    description: 'Changes, newest first.',
    args: {
      organisation: t.arg.string({ required: false, validate: z.string().min(1).max(100) }),
      entity: t.arg.id({ required: false, description: 'Relay global id of an entity.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.auditEvent.findMany({
        ...query,
        where: { ...auditFilter(args), ...accountEvents(ctx) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

/** Kinds of events about accounts themselves (sign-ins with the addresses tried, tokens, passwords). */
const ACCOUNT_EVENT_TYPES = ['Session', 'ApiToken', 'User'];

/** Account events are the instance administrators' to read, and each user's own. */
function accountEvents(ctx: Context) {
  if (ctx.viewer?.isInstanceAdmin) return {};
  return { OR: [{ entityType: { notIn: ACCOUNT_EVENT_TYPES } }, { actorId: ctx.viewer?.userId ?? '-' }] };
}

function auditFilter(args: { organisation?: string | null | undefined; entity?: string | number | null | undefined }) {
  return {
    ...(args.organisation ? { organisation: { slug: args.organisation } } : {}),
    ...(args.entity ? { entityId: String(args.entity), entityType: decodeGlobalID(String(args.entity)).typename } : {}),
  };
}
