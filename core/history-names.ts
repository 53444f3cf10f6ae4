// The names a page of history sentences refers to, loaded in batch: one statement per kind of thing (and per relation
// level) for the whole page, however many events it holds.
import { encodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import type { Change } from './audit.ts';
import type { Context } from './context.ts';
import {
  describe,
  endsOf,
  type HistoryEvent,
  type InterfaceEnds,
  type NameKind,
  type Names,
  rawId,
  referencesOf,
  type UsageName,
} from './history.ts';
import { maySeePrivate } from './privacy.ts';

type OtherKind = Exclude<NameKind, 'usage' | 'interface'>;

interface Loaders {
  usage: DataLoader<string, UsageName | null>;
  interface: DataLoader<string, InterfaceEnds | null>;
  other: Record<OtherKind, DataLoader<string, string | null>>;
}

const perRequest = new WeakMap<Context, Loaders>();

function batch<T extends { id: string }, V>(
  find: (ids: string[]) => Promise<T[]>,
  value: (row: T) => V,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const rows = await find([...keys]);
      const byId = new Map(rows.map((r) => [r.id, value(r)]));
      return keys.map((k) => byId.get(k) ?? null);
    },
    { cache: true },
  );
}

/** A koppeling's ends from a recorded change that carries them all (its creation or its deletion). */
function lastState(changes: Record<string, Change>): InterfaceEnds | null {
  const value = (field: string) => {
    const c = changes[field];
    const v = c?.before ?? c?.after;
    return typeof v === 'string' ? v : null;
  };
  const fromUsageId = value('fromUsageId');
  if (!fromUsageId) return null;
  return {
    key: value('key') ?? '',
    fromUsageId,
    toUsageId: value('toUsageId'),
    intermediaryId: value('intermediaryId'),
    externalServiceId: value('externalServiceId'),
    direction: value('direction') ?? '',
  };
}

function loaders(ctx: Context): Loaders {
  const found = perRequest.get(ctx);
  if (found) return found;
  const p = ctx.db.prisma;
  const inIds = (ids: string[]) => ({ where: { id: { in: ids } } });
  const name = { id: true, name: true } as const;
  const made: Loaders = {
    usage: batch(
      (ids) =>
        p.usage.findMany({
          ...inIds(ids),
          select: {
            id: true,
            organisationId: true,
            product: { select: { name: true } },
            organisation: { select: { name: true } },
          },
        }),
      (u) => ({ name: u.product.name, organisationId: u.organisationId, organisationName: u.organisation.name }),
    ),
    interface: new DataLoader<string, InterfaceEnds | null>(async (keys) => {
      const select = {
        id: true,
        key: true,
        fromUsageId: true,
        toUsageId: true,
        intermediaryId: true,
        externalServiceId: true,
        direction: true,
      } as const;
      const rows = await p.interface.findMany({ where: { id: { in: [...keys] } }, select });
      const byId = new Map<string, InterfaceEnds>(rows.map(({ id, ...ends }) => [id, ends]));
      // A koppeling that is gone: its ends as its deletion (else its creation) recorded them, in one statement.
      const gone = keys.filter((k) => !byId.has(k));
      if (gone.length) {
        const events = await p.auditEvent.findMany({
          where: {
            entityType: 'Interface',
            action: { in: ['DELETE', 'CREATE'] },
            entityId: { in: gone.flatMap((k) => [encodeGlobalID('Interface', k), k]) },
          },
          select: { entityId: true, action: true, changes: true },
          orderBy: { createdAt: 'asc' },
        });
        for (const e of events) {
          const id = rawId(e.entityId);
          if (byId.has(id) && e.action !== 'DELETE') continue;
          const ends = lastState(JSON.parse(e.changes) as Record<string, Change>);
          if (ends) byId.set(id, ends);
        }
      }
      return keys.map((k) => byId.get(k) ?? null);
    }),
    other: {
      product: batch(
        (ids) => p.product.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      version: batch(
        (ids) => p.productVersion.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      organisation: batch(
        (ids) => p.organisation.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      supplier: batch(
        (ids) => p.supplier.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      referenceComponent: batch(
        (ids) => p.referenceComponent.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      standard: batch(
        (ids) => p.standard.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      externalService: batch(
        (ids) => p.externalService.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      programme: batch(
        (ids) => p.programme.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      migration: batch(
        (ids) =>
          p.migration.findMany({
            ...inIds(ids),
            select: { id: true, key: true, targetProduct: { select: { name: true } } },
          }),
        (r) => `naar ${r.targetProduct.name}`,
      ),
      scenario: batch(
        (ids) => p.scenario.findMany({ ...inIds(ids), select: name }),
        (r) => r.name,
      ),
      person: batch(
        (ids) => p.user.findMany({ ...inIds(ids), select: { id: true, email: true } }),
        (r) => r.email,
      ),
      // A line of a statement is named by its measure's number (a later change does not carry it).
      vvtStatement: batch(
        (ids) => p.vvtStatement.findMany({ ...inIds(ids), select: { id: true, measureNumber: true } }),
        (r) => r.measureNumber,
      ),
    },
  };
  perRequest.set(ctx, made);
  return made;
}

interface Found {
  usage: Map<string, UsageName>;
  interface: Map<string, InterfaceEnds>;
  other: Partial<Record<OtherKind, Map<string, string>>>;
}

/** Loads what the references name, each kind in one batch with the other events of the page. */
async function load(ctx: Context, refs: { kind: NameKind; id: string }[], found: Found) {
  const l = loaders(ctx);
  await Promise.all(
    refs.map(async ({ kind, id }) => {
      if (kind === 'usage') {
        const u = await l.usage.load(id);
        if (u) found.usage.set(id, u);
      } else if (kind === 'interface') {
        const i = await l.interface.load(id);
        if (i) found.interface.set(id, i);
      } else {
        const n = await l.other[kind].load(id);
        if (n !== null) {
          const map = found.other[kind] ?? new Map<string, string>();
          map.set(id, n);
          found.other[kind] = map;
        }
      }
    }),
  );
}

/** The event as its sentence, with the names of what it refers to as they are now (a koppeling's ends too). */
export async function describeWithNames(ctx: Context, event: HistoryEvent): Promise<string> {
  const found: Found = { usage: new Map(), interface: new Map(), other: {} };
  // A member is named by address only to who may see the organisation's members (PRIVATE_FIELDS.Membership).
  const mayNamePerson = maySeePrivate(ctx.viewer, 'Membership', event.organisationId);
  await load(
    ctx,
    referencesOf(event).filter((r) => r.kind !== 'person' || mayNamePerson),
    found,
  );
  // A koppeling's change that does not carry its ends names them through the koppeling as it is now.
  const ends = [...found.interface.values()].flatMap(endsOf);
  if (ends.length) await load(ctx, ends, found);
  return describe(event, found satisfies Names);
}
