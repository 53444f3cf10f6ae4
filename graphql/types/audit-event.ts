import { decodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import { z } from 'zod';
import type { Change } from '../audit.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { isPrivateField, mayKnowPerson, mayRead, maySeePrivate } from '../privacy.ts';

/** The users behind audit events: their organisations (names too) and whether they administer the instance. */
interface Person {
  userId: string;
  isInstanceAdmin: boolean;
  organisationIds: string[];
  organisations: { id: string; name: string }[];
}

const perRequest = new WeakMap<Context, DataLoader<string, Person | null>>();

/** One statement (with its relation) for all actors of a page of events, however many there are. */
function people(ctx: Context): DataLoader<string, Person | null> {
  let loader = perRequest.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (ids) => {
        const users = await ctx.db.prisma.user.findMany({
          where: { id: { in: [...ids] } },
          select: { id: true, isInstanceAdmin: true, memberships: { select: { organisation: { select: { id: true, name: true } } } } },
        });
        const byId = new Map(
          users.map((u) => {
            const organisations = u.memberships.map((m) => m.organisation);
            return [u.id, { userId: u.id, isInstanceAdmin: u.isInstanceAdmin, organisations, organisationIds: organisations.map((o) => o.id) }];
          }),
        );
        return ids.map((id) => byId.get(id) ?? null);
      },
      { cache: false },
    );
    perRequest.set(ctx, loader);
  }
  return loader;
}

/** A user named by organisation only: the event's own organisation when the user belongs to it. */
function anonymousActor(person: Person | null, eventOrganisationId: string | null): string {
  if (!person) return 'een gebruiker';
  const organisation = person.organisations.find((o) => o.id === eventOrganisationId) ?? person.organisations[0];
  if (organisation) return `een gebruiker van ${organisation.name}`;
  return person.isInstanceAdmin ? 'een beheerder van Grondplan' : 'een gebruiker';
}

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  hidden: boolean;
}

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One changed field; values as JSON text.',
  fields: (t) => ({
    field: t.exposeString('field'),
    before: t.string({ nullable: true, resolve: (c) => (c.before === null || c.before === undefined ? null : JSON.stringify(c.before)) }),
    after: t.string({ nullable: true, resolve: (c) => (c.after === null || c.after === undefined ? null : JSON.stringify(c.after)) }),
    hidden: t.exposeBoolean('hidden', {
      description: 'True when the field is private to the owning organisation and the viewer may not see it: before and after are then null.',
    }),
  }),
});

const AuditSource = builder.enumType('AuditSource', { values: ['UI', 'API', 'SEED', 'IMPORT', 'CLI'] as const });

/** Kinds of events about accounts themselves (sign-ins with the addresses tried, tokens, passwords). */
const ACCOUNT_EVENT_TYPES = ['Session', 'ApiToken', 'User'];

const proposalsPerRequest = new WeakMap<Context, DataLoader<string, string[]>>();

/** The two organisations of each proposal (none when it is gone), in one statement per page of events. */
function proposalParties(ctx: Context): DataLoader<string, string[]> {
  let loader = proposalsPerRequest.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (ids) => {
        const rows = await ctx.db.prisma.referenceProposal.findMany({
          where: { id: { in: [...ids] } },
          select: { id: true, proposingOrganisationId: true, receivingOrganisationId: true },
        });
        const byId = new Map(rows.map((r) => [r.id, [r.proposingOrganisationId, r.receivingOrganisationId]]));
        return ids.map((id) => byId.get(id) ?? []);
      },
      { cache: false },
    );
    proposalsPerRequest.set(ctx, loader);
  }
  return loader;
}

interface EventRow {
  entityType: string;
  entityId: string;
  organisationId: string | null;
  actorId: string | null;
}

/**
 * The one rule for reading an audit event, on every path that can reach one (the list, node, nodes, relations):
 * - account events (sign-ins with the address tried and the client address, tokens, passwords) are the instance
 *   administrators' and each user's own;
 * - events of a proposal are for the members of its two organisations and the instance administrators;
 * - every other event is for every reader (its private values are redacted per field, its people named by
 *   organisation: see `actor` and `changes`).
 * `readableAuditEvents` is the same rule as a where-clause for the list; it never lets through what this refuses.
 */
export async function mayReadAuditEvent(ctx: Context, e: EventRow): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer || !mayRead(viewer)) return false;
  if (viewer.isInstanceAdmin) return true;
  if (ACCOUNT_EVENT_TYPES.includes(e.entityType)) return e.actorId === viewer.userId;
  if (e.entityType === 'ReferenceProposal') {
    if (e.organisationId && viewer.organisationIds.includes(e.organisationId)) return true;
    let id: string | null = null;
    try {
      id = decodeGlobalID(e.entityId).id;
    } catch {
      return false;
    }
    const parties = await proposalParties(ctx).load(id);
    return parties.some((o) => viewer.organisationIds.includes(o));
  }
  return true;
}

/** The rule above as a where-clause (a subset of it: a proposal's events from the reader's own organisations' trails). */
function readableAuditEvents(ctx: Context) {
  if (ctx.viewer?.isInstanceAdmin) return {};
  return {
    AND: [
      { OR: [{ entityType: { notIn: ACCOUNT_EVENT_TYPES } }, { actorId: ctx.viewer?.userId ?? '-' }] },
      { OR: [{ entityType: { not: 'ReferenceProposal' } }, { organisationId: { in: ctx.viewer?.organisationIds ?? [] } }] },
    ],
  };
}

builder.prismaNode('AuditEvent', {
  id: { field: 'id' },
  description:
    'Append-only record of one change: who, when, what, from where. No API changes or deletes it. Account events (sign-ins, tokens, passwords) are for instance administrators and the user concerned; proposal events for the members of its two organisations and instance administrators.',
  authScopes: (e, ctx) => mayReadAuditEvent(ctx, e),
  fields: (t) => ({
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    actor: t.string({
      description:
        'Who made the change: the e-mail address of the user for the user’s own organisations’ members and instance administrators, otherwise only the organisation ("een gebruiker van Emmen"); or the process (seed, import).',
      resolve: async (e, _args, ctx) => {
        if (!e.actorId) {
          // A process (seed, import, cli) by its label; but an address typed at sign-in (an unknown account's too) is
          // personal data, for the instance administrators only.
          const personal = ACCOUNT_EVENT_TYPES.includes(e.entityType) || e.actorLabel.includes('@');
          return personal && !ctx.viewer?.isInstanceAdmin ? 'een onbekende gebruiker' : e.actorLabel;
        }
        const person = await people(ctx).load(e.actorId);
        if (person && mayKnowPerson(ctx.viewer, person)) return e.actorLabel;
        return anonymousActor(person, e.organisationId);
      },
    }),
    organisation: t.relation('organisation', { nullable: true }),
    entityType: t.exposeString('entityType'),
    entityId: t.exposeString('entityId', { description: 'Relay global id of the changed entity.' }),
    action: t.exposeString('action'),
    source: t.field({ type: AuditSource, resolve: (e) => e.source }),
    revision: t.exposeInt('revision', { nullable: true, description: 'Revision of the entity after the change.' }),
    changes: t.field({
      type: [FieldChangeRef],
      resolve: (e, _args, ctx) => {
        const visible = maySeePrivate(ctx.viewer, e.entityType, e.organisationId);
        return Object.entries(JSON.parse(e.changes) as Record<string, Change>).map(([field, c]) =>
          visible || !isPrivateField(e.entityType, field)
            ? { field, before: c.before, after: c.after, hidden: false }
            : { field, before: null, after: null, hidden: true },
        );
      },
    }),
  }),
});

builder.queryField('auditEvents', (t) =>
  t.prismaConnection({
    type: 'AuditEvent',
    cursor: 'id',
    maxSize: 200,
    defaultSize: 50,
    authScopes: { reader: true },
    totalCount: (_parent, args, ctx) => ctx.db.prisma.auditEvent.count({ where: { ...auditFilter(args), ...readableAuditEvents(ctx) } }),
    description: 'Changes, newest first.',
    args: {
      organisation: t.arg.string({ required: false, validate: z.string().min(1).max(100) }),
      entity: t.arg.id({ required: false, description: 'Relay global id of an entity.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.auditEvent.findMany({
        ...query,
        where: { ...auditFilter(args), ...readableAuditEvents(ctx) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

function auditFilter(args: { organisation?: string | null | undefined; entity?: string | number | null | undefined }) {
  return {
    ...(args.organisation ? { organisation: { slug: args.organisation } } : {}),
    ...(args.entity ? { entityId: String(args.entity), entityType: decodeGlobalID(String(args.entity)).typename } : {}),
  };
}
