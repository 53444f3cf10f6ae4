// The search index: one MiniSearch over the documents of core/search-documents.ts, with the maps search reads beside
// it, kept per database at the version of what it reads (core/search-version.ts) whether or not caching is on: it is an
// index, not a cache. Built whole once (the server starts building it as it starts); after a change, the audit trail
// says which documents changed, and only those are read again and replaced. A change it cannot tell apart (the seed,
// a row it cannot name) or a very large one builds it whole again, while searches that read an older version go on
// with the index held. A search never gets an index older than the version it read: it waits for the one under way.
import { decodeGlobalID } from '@pothos/plugin-relay';
import MiniSearch from 'minisearch';
import type { Database } from '#prisma/client.ts';
import type { Context } from './context.ts';
import { type DocumentSelection, documents, type IndexedDocument } from './search-documents.ts';
import { searchIndexVersion } from './search-version.ts';
import { compactForms, GENERIC_ORGANISATION_WORDS, normalise, words } from './search-words.ts';

export interface Built {
  index: MiniSearch<IndexedDocument>;
  byId: Map<string, IndexedDocument>;
  /** Products, suppliers and organisations by their database id. */
  byDbId: Map<string, IndexedDocument>;
  /** Distinctive words of organisation names -> the organisations. */
  organisationWords: Map<string, string[]>;
  /** Reference component id -> the products realising it; supplier id -> its products. */
  productsOf: Map<string, string[]>;
}

/** How much work the index did, for tests: whole builds, and updates with the documents they read again. */
export const indexWork = { builds: 0, updates: 0, documents: 0 };

/** The audit entity types whose changes change documents; anything else leaves the index as it is. */
const DOCUMENT_CHANGES = ['Product', 'Supplier', 'Organisation', 'ReferenceComponent', 'Standard', 'Content'];
/**
 * How far back the changes are read again each time: a transaction records its change when it makes it and commits
 * later (imports within their two minutes), so a change seen now may be older than the last look. Changes read before
 * are known by id and skipped.
 */
const LOOK_BACK_MS = 5 * 60_000;
/** More changed documents than this, and building whole is as quick. */
const MOST_CHANGED = 1_000;

interface Held {
  version: number;
  built: Built;
  /** The changes from this moment on are read at the next update. */
  from: number;
  /** The changes already applied since `from`, by id, with their time. */
  seen: Map<string, number>;
}
interface State {
  held?: Held;
  /** The update under way and the version it brings the index to. */
  work?: { done: Promise<Held>; version: number };
}
const states = new WeakMap<Database, State>();

const fuzziness = (term: string) => (term.length > 4 ? 0.2 : term.length > 3 ? 1 : 0);

const emptyIndex = () =>
  new MiniSearch<IndexedDocument>({
    fields: ['names', 'compact'],
    storeFields: [],
    extractField: (doc, field) =>
      field === 'compact'
        ? compactForms(doc.names)
        : field === 'names'
          ? doc.names.join(' ')
          : String(doc[field as keyof IndexedDocument] ?? ''),
    processTerm: (term) => normalise(term),
    searchOptions: { boost: { names: 2 }, prefix: true, fuzzy: fuzziness, combineWith: 'AND' },
  });

/** The keys of the maps beside the index under which a document is listed. */
function listedUnder(built: Built, doc: IndexedDocument): [Map<string, string[]>, string][] {
  if (doc.kind === 'ORGANISATION')
    return [...new Set(doc.names.flatMap(words))]
      .filter((w) => !GENERIC_ORGANISATION_WORDS.has(w))
      .map((w) => [built.organisationWords, w]);
  if (doc.kind === 'PRODUCT')
    return [
      ...(doc.components ?? []).map((c): [Map<string, string[]>, string] => [built.productsOf, `component:${c}`]),
      ...(doc.supplier ? [[built.productsOf, doc.supplier] as [Map<string, string[]>, string]] : []),
    ];
  return [];
}

function addDocument(built: Built, doc: IndexedDocument): void {
  built.index.add(doc);
  built.byId.set(doc.id, doc);
  if (doc.dbId) built.byDbId.set(doc.dbId, doc);
  for (const [map, key] of listedUnder(built, doc)) {
    const list = map.get(key);
    if (list) list.push(doc.id);
    else map.set(key, [doc.id]);
  }
}

/** Takes out a document exactly as it was added (MiniSearch's `remove` needs it unchanged, and held ones never are). */
function removeDocument(built: Built, doc: IndexedDocument): void {
  built.index.remove(doc);
  built.byId.delete(doc.id);
  if (doc.dbId && built.byDbId.get(doc.dbId) === doc) built.byDbId.delete(doc.dbId);
  for (const [map, key] of listedUnder(built, doc)) {
    const list = map.get(key)?.filter((id) => id !== doc.id) ?? [];
    if (list.length) map.set(key, list);
    else map.delete(key);
  }
}

function buildWhole(docs: IndexedDocument[]): Built {
  const built: Built = {
    index: emptyIndex(),
    byId: new Map(),
    byDbId: new Map(),
    organisationWords: new Map(),
    productsOf: new Map(),
  };
  for (const doc of docs) addDocument(built, doc);
  return built;
}

/** The row id a change names: a Relay global id of its type (or a GEMMA id for components and standards); else null. */
function rowOf(entityType: string, entityId: string): string | null {
  if (entityType === 'ReferenceComponent' || entityType === 'Standard') return entityId;
  try {
    const { typename, id } = decodeGlobalID(entityId);
    return typename === entityType ? id : null;
  } catch {
    return null;
  }
}

/** The documents the changes touched, or null when a change cannot be told (the seed, a row named otherwise). */
function touchedBy(changes: { entityType: string; entityId: string }[]): DocumentSelection | null {
  const touched = {
    Product: new Set<string>(),
    Supplier: new Set<string>(),
    Organisation: new Set<string>(),
    ReferenceComponent: new Set<string>(),
    Standard: new Set<string>(),
  };
  for (const { entityType, entityId } of changes) {
    const row = rowOf(entityType, entityId);
    if (!(entityType in touched) || !row) return null;
    touched[entityType as keyof typeof touched].add(row);
  }
  return {
    products: [...touched.Product],
    suppliers: [...touched.Supplier],
    organisations: [...touched.Organisation],
    components: [...touched.ReferenceComponent],
    standards: [...touched.Standard],
  };
}

/**
 * Replaces the documents of the selection (and any other read again with them) by those read now; a document no
 * longer there goes. False, with nothing changed, when a new document would take the place of one not replaced.
 */
function replaceDocuments(built: Built, selection: DocumentSelection, fresh: IndexedDocument[]): boolean {
  const held = (doc: IndexedDocument) => (doc.dbId ? built.byDbId.get(doc.dbId) : built.byId.get(doc.id));
  const old = new Set(
    [
      ...[...selection.products, ...selection.suppliers, ...selection.organisations].map((id) => built.byDbId.get(id)),
      ...selection.components.map((id) => built.byId.get(`component:${id}`)),
      ...selection.standards.map((id) => built.byId.get(`standard:${id}`)),
      ...fresh.map(held),
    ].filter((doc) => doc !== undefined),
  );
  const leaving = new Set([...old].map((doc) => doc.id));
  if (fresh.some((doc) => built.byId.has(doc.id) && !leaving.has(doc.id))) return false;
  for (const doc of old) removeDocument(built, doc);
  for (const doc of fresh) addDocument(built, doc);
  return true;
}

/** The index brought from `held` (none yet: built whole) to at least `version`. */
async function update(db: Database, held: Held | undefined, version: number): Promise<Held> {
  const started = Date.now();
  const changes = (
    await db.prisma.auditEvent.findMany({
      where: {
        createdAt: { gte: new Date(held?.from ?? started - LOOK_BACK_MS) },
        entityType: { in: DOCUMENT_CHANGES },
      },
      select: { id: true, createdAt: true, entityType: true, entityId: true },
    })
  ).filter((c) => !held?.seen.has(c.id));
  const selection = held && touchedBy(changes);
  const size = selection ? Object.values(selection).reduce((n, ids: string[]) => n + ids.length, 0) : 0;
  let built: Built | undefined;
  if (held && selection && size <= MOST_CHANGED) {
    const fresh = size ? await documents(db, selection) : [];
    let replaced = false;
    try {
      replaced = replaceDocuments(held.built, selection, fresh);
    } catch (error) {
      // Never expected (MiniSearch refusing a document); built whole instead, which replaces the held one.
      console.error('De zoekindex wordt helemaal opnieuw opgebouwd:', error);
    }
    if (replaced) {
      built = held.built;
      indexWork.updates++;
      indexWork.documents += fresh.length;
    }
  }
  if (!built) {
    built = buildWhole(await documents(db));
    indexWork.builds++;
  }
  const from = started - LOOK_BACK_MS;
  const seen = new Map([...(held?.seen ?? [])].filter(([, at]) => at >= from));
  for (const c of changes) seen.set(c.id, c.createdAt.getTime());
  return { version, built, from, seen };
}

/** The held index once it is at `version` or later: the update under way when it gets there, else a new one after it. */
function bringUp(db: Database, version: number): Promise<Held> {
  const state = states.get(db) ?? {};
  states.set(db, state);
  const { held, work } = state;
  if (held && held.version >= version) return Promise.resolve(held);
  if (work && work.version >= version) return work.done;
  const before = work?.done.catch(() => state.held) ?? Promise.resolve(held);
  const done = before.then(async (from) => {
    if (from && from.version >= version) return from;
    const next = await update(db, from, version);
    if (!state.held || state.held.version < next.version) state.held = next;
    return next;
  });
  state.work = { done, version };
  const settle = () => {
    if (state.work?.done === done) state.work = undefined;
  };
  done.then(settle, settle);
  return done;
}

/** The index at the request's version of what it reads, or a later one. */
export async function currentIndex(context: Pick<Context, 'db' | 'dataVersion'>): Promise<Built> {
  return (await bringUp(context.db, await searchIndexVersion(context))).built;
}

/** Starts building the index as the server starts, so the first search finds it ready (or under way). */
export function warmSearchIndex(db: Database): void {
  currentIndex({ db }).catch((error: unknown) => console.error('De zoekindex kon niet worden opgebouwd:', error));
}
