import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import { z } from 'zod';
import type { Change } from '#core/audit.ts';
import type { Context } from '#core/context.ts';
import { rawId } from '#core/history.ts';
import { describeWithNames } from '#core/history-names.ts';
import { isPrivateField, mayKnowPerson, mayRead, maySeePrivate } from '#core/privacy.ts';
import { privateOnlyFor, withoutPrivateOnly } from '../audit-private.ts';
import { builder } from '../builder.ts';
import { AuditSource } from './enums.ts';

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
          select: {
            id: true,
            isInstanceAdmin: true,
            memberships: { select: { organisation: { select: { id: true, name: true } } } },
          },
        });
        const byId = new Map(
          users.map((u) => {
            const organisations = u.memberships.map((m) => m.organisation);
            return [
              u.id,
              {
                userId: u.id,
                isInstanceAdmin: u.isInstanceAdmin,
                organisations,
                organisationIds: organisations.map((o) => o.id),
              },
            ];
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
    before: t.string({
      nullable: true,
      resolve: (c) => (c.before === null || c.before === undefined ? null : JSON.stringify(c.before)),
    }),
    after: t.string({
      nullable: true,
      resolve: (c) => (c.after === null || c.after === undefined ? null : JSON.stringify(c.after)),
    }),
    hidden: t.exposeBoolean('hidden', {
      description:
        'Always false: a private field the viewer may not see is left out of `changes`, name and all (and a change of nothing else is left out of the trail).',
      deprecationReason: 'Private fields the viewer may not see are left out of `changes` altogether.',
    }),
  }),
});

/** Kinds of events about accounts themselves (sign-ins with the addresses tried, tokens, passwords). */
const ACCOUNT_EVENT_TYPES = ['Session', 'ApiToken', 'User', 'SecondFactor'];
/**
 * Kinds of events for the members of their own organisation only (and instance administrators): its attestations and
 * its statement of applicability (the lines and with whom it is shared), its evidence documents and its register of
 * processing activities, which stay with the organisation even when it shares the statement or a document itself.
 */
const OWN_EVENT_TYPES = ['Attestation', 'VvtStatement', 'VvtShare', 'Evidence', 'ProcessingActivity'];

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
  changes: string;
  privateOnly: boolean;
  entityId: string;
  organisationId: string | null;
  actorId: string | null;
}

/**
 * The one rule for reading an audit event, on every path that can reach one (the list, node, nodes, relations):
 * - account events (sign-ins with the address tried and the client address, tokens, passwords) are the instance
 *   administrators' and each user's own;
 * - events of a proposal are for the members of its two organisations and the instance administrators;
 * - an organisation's attestations (OWN_EVENT_TYPES) are for its members and the instance administrators;
 * - an event that changed nothing but private fields is for those who may see them (graphql/audit-private.ts);
 * - every other event is for every reader (the private fields it changed left out, name and all, its people named by
 *   organisation: see `actor` and `changes`).
 * `readableAuditEvents` is the same rule as a where-clause for the list; it never lets through what this refuses.
 * Decided without waiting except for a proposal's parties: a page of events then costs no promise per event.
 */
export function mayReadAuditEvent(ctx: Context, e: EventRow): boolean | Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer || !mayRead(viewer)) return false;
  if (privateOnlyFor(ctx, e)) return false;
  if (viewer.isInstanceAdmin) return true;
  if (ACCOUNT_EVENT_TYPES.includes(e.entityType)) return e.actorId === viewer.userId;
  if (OWN_EVENT_TYPES.includes(e.entityType))
    return e.organisationId !== null && viewer.organisationIds.includes(e.organisationId);
  if (e.entityType === 'ReferenceProposal') {
    if (e.organisationId && viewer.organisationIds.includes(e.organisationId)) return true;
    let id: string | null = null;
    try {
      id = decodeGlobalID(e.entityId).id;
    } catch {
      return false;
    }
    return proposalParties(ctx)
      .load(id)
      .then((parties) => parties.some((o) => viewer.organisationIds.includes(o)));
  }
  return true;
}

/** The rule above as a where-clause (a subset of it: a proposal's events from the reader's own organisations' trails). */
function readableAuditEvents(ctx: Context) {
  if (ctx.viewer?.isInstanceAdmin) return {};
  return {
    AND: [
      { OR: [{ entityType: { notIn: ACCOUNT_EVENT_TYPES } }, { actorId: ctx.viewer?.userId ?? '-' }] },
      {
        OR: [
          { entityType: { notIn: ['ReferenceProposal', ...OWN_EVENT_TYPES] } },
          { organisationId: { in: ctx.viewer?.organisationIds ?? [] } },
        ],
      },
    ],
  };
}

/**
 * An event's changed fields without the private ones the viewer may not see: not their values, nor that they changed
 * (the one rule for `changes` and `description`).
 */
function visibleChanges(
  ctx: Context,
  e: { entityType: string; organisationId: string | null; changes: string },
): FieldChange[] {
  const visible = maySeePrivate(ctx.viewer, e.entityType, e.organisationId);
  return Object.entries(JSON.parse(e.changes) as Record<string, Change>)
    .filter(([field]) => visible || !isPrivateField(e.entityType, field))
    .map(([field, c]) => ({ field, before: c.before, after: c.after, hidden: false }));
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
    file: t.exposeString('file', {
      nullable: true,
      description: 'The file an import or command-line run read, on every change it made.',
    }),
    changes: t.field({
      type: [FieldChangeRef],
      resolve: (e, _args, ctx) => visibleChanges(ctx, e),
    }),
    description: t.string({
      description:
        'The change as one Dutch sentence with the names users know ("Status van Decos JOIN gewijzigd van In productie naar Uit te faseren per 1 juni 2027."): labels instead of enum values, names instead of ids, as they are now. Private values the viewer may not see are left out, as in `changes`.',
      resolve: (e, _args, ctx) =>
        describeWithNames(ctx, {
          entityType: e.entityType,
          entityId: e.entityId,
          action: e.action,
          source: e.source,
          file: e.file,
          organisationId: e.organisationId,
          changes: Object.fromEntries(visibleChanges(ctx, e).map(({ field, ...c }) => [field, c])),
        }),
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
    totalCount: async (_parent, args, ctx) => ctx.db.prisma.auditEvent.count({ where: await listWhere(ctx, args) }),
    description:
      "Changes, newest first. For a usage (`entity`), its koppelingen's changes too: those from it, to it and through it (another organisation's koppeling to it once that organisation's proposal is accepted).",
    args: {
      organisation: t.arg.string({ required: false, validate: z.string().min(1).max(100) }),
      entity: t.arg.id({ required: false, description: 'Relay global id of an entity.' }),
    },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.prisma.auditEvent.findMany({
        ...query,
        where: await listWhere(ctx, args),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

type ListArgs = { organisation?: string | null | undefined; entity?: string | number | null | undefined };

/** The list's where-clause: what it asks for, of what the reader may read (the same for the page and its count). */
async function listWhere(ctx: Context, args: ListArgs) {
  return { AND: [await auditFilter(ctx, args), readableAuditEvents(ctx), withoutPrivateOnly(ctx)] };
}

async function auditFilter(ctx: Context, args: ListArgs) {
  const byOrganisation = args.organisation ? { organisation: { slug: args.organisation } } : {};
  if (!args.entity) return byOrganisation;
  const entity = String(args.entity);
  const typename = decodeGlobalID(entity).typename;
  // Events recorded under the raw id (imports before they used global ids) belong to the entity too.
  const own = { entityType: typename, entityId: { in: [entity, rawId(entity)] } };
  if (typename !== 'Usage') return { ...byOrganisation, ...own };
  const koppelingen = await koppelingenOnce(ctx, rawId(entity));
  return koppelingen.length
    ? { ...byOrganisation, OR: [own, { entityType: 'Interface', entityId: { in: koppelingen } }] }
    : { ...byOrganisation, ...own };
}

/**
 * koppelingenOf once per request and usage (the list and its totalCount ask together), and only for a usage that
 * exists: an id made up to match every event's text (`Usage:"`) gets nothing.
 */
const koppelingenAsked = new WeakMap<Context, Map<string, Promise<string[]>>>();
function koppelingenOnce(ctx: Context, usageId: string): Promise<string[]> {
  let asked = koppelingenAsked.get(ctx);
  if (!asked) {
    asked = new Map();
    koppelingenAsked.set(ctx, asked);
  }
  let found = asked.get(usageId);
  if (!found) {
    found = /^[A-Za-z0-9_-]{8,64}$/.test(usageId)
      ? ctx.db.prisma.usage.count({ where: { id: usageId } }).then((n) => (n ? koppelingenOf(ctx, usageId) : []))
      : Promise.resolve([]);
    asked.set(usageId, found);
  }
  return found;
}

/**
 * The koppelingen whose history belongs on a usage's: those that are or were from it, to it or through it (an event
 * that named it as an end). Another organisation's koppeling that waits for consent stays off, as `Usage.interfaces`
 * leaves it out; two statements, whatever the number of koppelingen.
 */
async function koppelingenOf(ctx: Context, usageId: string): Promise<string[]> {
  const [current, named] = await Promise.all([
    ctx.db.prisma.interface.findMany({
      where: { OR: [{ fromUsageId: usageId }, { toUsageId: usageId }, { intermediaryId: usageId }] },
      select: { id: true, fromUsageId: true, pendingConsent: true },
    }),
    ctx.db.prisma.auditEvent.findMany({
      where: { entityType: 'Interface', changes: { contains: usageId } },
      select: { entityId: true },
      distinct: ['entityId'],
    }),
  ]);
  // A koppeling waits for consent only when it points into another organisation's landscape: one to or through this
  // usage that waits is another organisation's.
  const waiting = new Set(current.filter((i) => i.pendingConsent && i.fromUsageId !== usageId).map((i) => i.id));
  const ids = new Set<string>();
  for (const i of current) if (!waiting.has(i.id)) ids.add(i.id);
  for (const e of named) if (!waiting.has(rawId(e.entityId))) ids.add(rawId(e.entityId));
  return [...ids].flatMap((id) => [encodeGlobalID('Interface', id), id]);
}
