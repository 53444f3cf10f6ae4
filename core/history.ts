// The history in words: one Dutch sentence per audit event, with the names users know instead of ids and enum values.
// A pure function over the event and the names it refers to; the GraphQL field `AuditEvent.description` loads those
// names in batch (`referencesOf`, then `describe`). Private values arrive here already hidden.
import { AUDIT_KINDS, type AuditAction, type AuditEntityType, type AuditSource } from './audit.ts';
import { dateNl, timeNl } from './dates.ts';
import { STATUSES } from './exchange/usages-csv.ts';
import {
  architectureLabel,
  criticalityLabel,
  deliveryModelLabel,
  directionText,
  dpiaLabel,
  fieldLabel,
  interfaceStatusLabel,
  interfaceTypeLabel,
  layerLabel,
  memberRoleLabel,
  migrationStatusLabel,
  proposalStatusLabel,
  quarterLabel,
  roleLabel,
  scenarioStatusLabel,
  timeLabel,
  usageStatusLabel,
} from './labels.ts';

/** Kinds of things an event can name by id. */
export type NameKind =
  | 'usage'
  | 'interface'
  | 'product'
  | 'version'
  | 'organisation'
  | 'supplier'
  | 'referenceComponent'
  | 'standard'
  | 'externalService'
  | 'programme'
  | 'migration'
  | 'scenario';

/** A usage as a sentence names it: its product, and its organisation when that is not the event's own. */
export interface UsageName {
  name: string;
  organisationId: string;
  organisationName: string;
}

/** A koppeling's ends as they are now (for a change that does not carry them). */
export interface InterfaceEnds {
  key: string;
  fromUsageId: string;
  toUsageId: string | null;
  intermediaryId: string | null;
  externalServiceId: string | null;
  direction: string;
}

/** The names an event's sentence may use, by kind and raw id; what is missing reads as "onbekend". */
export interface Names {
  usage?: ReadonlyMap<string, UsageName>;
  interface?: ReadonlyMap<string, InterfaceEnds>;
  other?: Partial<Record<Exclude<NameKind, 'usage' | 'interface'>, ReadonlyMap<string, string>>>;
}

export interface FieldChange {
  before: unknown;
  after: unknown;
  /** Private to the owning organisation and not for this reader: no value is said. */
  hidden?: boolean;
}

export interface HistoryEvent {
  entityType: string;
  entityId: string;
  action: string;
  source: AuditSource;
  /** The file an import or command-line run read. */
  file: string | null;
  organisationId: string | null;
  changes: Record<string, FieldChange>;
}

/** The raw id behind a Relay global id ("VXNhZ2U6YWJj" is Usage:abc); any other id as it is. */
export function rawId(id: string): string {
  if (!/^[A-Za-z0-9+/]+=*$/.test(id)) return id;
  const text = Buffer.from(id, 'base64').toString('utf8');
  const match = /^[A-Za-z]+:(.+)$/s.exec(text);
  return match?.[1] && Buffer.from(text, 'utf8').toString('base64') === id ? match[1] : id;
}

/** Fields that hold ids, and what they name. */
const ID_FIELDS: Record<string, NameKind> = {
  productId: 'product',
  targetProductId: 'product',
  versionId: 'version',
  operatorId: 'organisation',
  organisationId: 'organisation',
  proposingOrganisationId: 'organisation',
  receivingOrganisationId: 'organisation',
  owners: 'organisation',
  supplierId: 'supplier',
  usageId: 'usage',
  fromUsageId: 'usage',
  toUsageId: 'usage',
  intermediaryId: 'usage',
  targetUsageId: 'usage',
  replaces: 'usage',
  dependsOn: 'migration',
  referenceComponents: 'referenceComponent',
  standards: 'standard',
  externalServiceId: 'externalService',
  programmeId: 'programme',
};

/** The kind of thing each entity type is, where it has a name to load. */
const ENTITY_KIND: Partial<Record<string, NameKind>> = {
  Usage: 'usage',
  Interface: 'interface',
  Product: 'product',
  Supplier: 'supplier',
  Organisation: 'organisation',
  Programme: 'programme',
  Migration: 'migration',
  Scenario: 'scenario',
  ReferenceComponent: 'referenceComponent',
  Standard: 'standard',
  ExternalService: 'externalService',
};

const ids = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '').map(rawId);

/** Every id the event's sentence names, by kind (the koppeling's ends come in a second step: `endsOf`). */
export function referencesOf(e: HistoryEvent): { kind: NameKind; id: string }[] {
  const refs: { kind: NameKind; id: string }[] = [];
  const own = ENTITY_KIND[e.entityType];
  if (own) refs.push({ kind: own, id: rawId(e.entityId) });
  if (e.entityType === 'Capacity' && e.organisationId) refs.push({ kind: 'organisation', id: e.organisationId });
  if (e.entityType === 'Scenario') for (const key of Object.keys(e.changes)) if (rawId(key) !== key) refs.push({ kind: 'migration', id: rawId(key) });
  for (const [field, change] of Object.entries(e.changes)) {
    const kind = ID_FIELDS[field];
    if (!kind || change.hidden) continue;
    for (const id of [...ids(change.before), ...ids(change.after)]) refs.push({ kind, id });
  }
  return refs;
}

/** The usages, facility and koppeling a koppeling event names through the koppeling as it is now. */
export function endsOf(ends: InterfaceEnds | undefined): { kind: NameKind; id: string }[] {
  if (!ends) return [];
  return [
    { kind: 'usage' as const, id: ends.fromUsageId },
    ...(ends.toUsageId ? [{ kind: 'usage' as const, id: ends.toUsageId }] : []),
    ...(ends.intermediaryId ? [{ kind: 'usage' as const, id: ends.intermediaryId }] : []),
    ...(ends.externalServiceId ? [{ kind: 'externalService' as const, id: ends.externalServiceId }] : []),
  ];
}

// ---- values in words ----

const ENUM_LABELS: Record<string, Record<string, Record<string, string>>> = {
  status: {
    Usage: usageStatusLabel,
    Interface: interfaceStatusLabel,
    Migration: migrationStatusLabel,
    Scenario: scenarioStatusLabel,
    ReferenceProposal: proposalStatusLabel,
  },
  type: { Interface: interfaceTypeLabel },
  direction: { Interface: directionText },
  architecture: { Product: architectureLabel },
  layers: { Product: layerLabel },
  deliveryModel: { Product: deliveryModelLabel },
  time: { Usage: timeLabel },
  criticality: { Usage: criticalityLabel },
  dpiaStatus: { Usage: dpiaLabel },
  role: { Membership: memberRoleLabel, Invitation: memberRoleLabel, User: memberRoleLabel },
  defaultRole: { IdentityProvider: memberRoleLabel },
};

const PROPOSAL_KIND: Record<string, string> = {
  OPERATOR: 'technisch beheer',
  INTERFACE_TO: 'koppeling naar een gebruik',
  INTERFACE_VIA: 'koppeling via een gebruik',
};

/** "a", "a en b", "a, b en c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/;

/** A date as "1 juni 2027"; a moment other than midnight with its time ("1 juni 2027 om 14:05"). */
export function dateInWords(iso: string): string {
  const day = dateNl(iso.slice(0, 10));
  if (iso.length <= 10 || /T00:00:00(\.0+)?Z$/.test(iso)) return day;
  return `${day} om ${timeNl(iso)}`;
}

const number = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

class Words {
  private readonly e: HistoryEvent;
  private readonly names: Names;
  constructor(e: HistoryEvent, names: Names) {
    this.e = e;
    this.names = names;
  }

  /** A usage by its product, with the organisation when it is another's than the event's. */
  usage(id: string | null | undefined): string {
    if (!id) return 'onbekend gebruik';
    const u = this.names.usage?.get(rawId(id));
    if (!u) return 'een verwijderd gebruik';
    return u.organisationId === this.e.organisationId ? u.name : `${u.name} van ${u.organisationName}`;
  }

  name(kind: Exclude<NameKind, 'usage' | 'interface'>, id: string): string {
    return this.names.other?.[kind]?.get(rawId(id)) ?? 'onbekend';
  }

  /** One field's value in words. */
  value(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return 'leeg';
    const kind = ID_FIELDS[field];
    if (kind) {
      const all = ids(value);
      if (all.length === 0) return 'geen';
      return list(all.map((id) => (kind === 'usage' ? this.usage(id) : kind === 'interface' ? 'een koppeling' : this.name(kind, id))));
    }
    const labels = ENUM_LABELS[field]?.[this.e.entityType];
    if (labels) {
      const values = Array.isArray(value) ? value : [value];
      return values.length ? list(values.map((v) => labels[String(v)] ?? String(v))) : 'geen';
    }
    if (field === 'kind' && this.e.entityType === 'ReferenceProposal') return PROPOSAL_KIND[String(value)] ?? String(value);
    if (field === 'beheerLoad' || field === 'efforts') return this.loads(value);
    if (typeof value === 'boolean') return value ? 'ja' : 'nee';
    if (typeof value === 'number') return number(value);
    if (typeof value === 'string') {
      if (ISO_DATE.test(value)) return dateInWords(value);
      return value.length > 80 ? `${value.slice(0, 79)}…` : value;
    }
    if (Array.isArray(value)) return value.length ? list(value.map((v) => this.value(field, v))) : 'geen';
    return 'gewijzigd';
  }

  /** Beheer loads and efforts: "Functioneel beheer 0,5 fte in K1 2027". */
  loads(value: unknown): string {
    if (!Array.isArray(value) || value.length === 0) return 'geen';
    return list(
      value.map((row) => {
        const r = row as { role?: string; quarter?: string; fte?: number };
        const role = roleLabel[r.role as keyof typeof roleLabel] ?? r.role ?? '';
        return `${role} ${number(r.fte ?? 0)} fte${r.quarter ? ` in ${quarterLabel(r.quarter)}` : ''}`;
      }),
    );
  }

  /** "versie van 5.2 naar 5.3", "uit te faseren sinds: 1 juni 2027", or that a private value changed. */
  change(field: string, c: FieldChange): string {
    const label = fieldLabel[field] ?? field;
    if (c.hidden) return `${label} gewijzigd (alleen zichtbaar voor de eigen organisatie)`;
    if (field === 'externalFields') return `${label} bijgewerkt`;
    // Never the secret itself: the audit entry only says that it was replaced.
    if (field === 'clientSecret') return `${label} vervangen`;
    const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty(c.before)) return `${label}: ${this.value(field, c.after)}`;
    if (empty(c.after)) return `${label} leeggemaakt (was ${this.value(field, c.before)})`;
    return `${label} van ${this.value(field, c.before)} naar ${this.value(field, c.after)}`;
  }

  /** The changed fields in words, a status with the date it took effect ("status van In productie naar Uit te faseren per 1 juni 2027"). */
  changes(skip: readonly string[] = []): string {
    const entries = Object.entries(this.e.changes).filter(([field]) => !skip.includes(field) && !HIDDEN_FIELDS.includes(field));
    const parts: string[] = [];
    const used = new Set<string>();
    const status = this.e.changes.status;
    const since = this.e.entityType === 'Usage' && status && !status.hidden ? SINCE_FIELD[String(status.after)] : undefined;
    for (const [field, c] of entries) {
      if (used.has(field)) continue;
      if (field === 'status' && since && this.e.changes[since]?.after) {
        parts.push(`${this.change(field, c)} per ${this.value(since, this.e.changes[since]?.after)}`);
        used.add(since);
        continue;
      }
      parts.push(this.change(field, c));
    }
    const shown = parts.slice(0, 8);
    if (parts.length > shown.length) shown.push(`${parts.length - shown.length} andere velden`);
    return shown.length ? list(shown) : 'niets zichtbaars';
  }

  /** A field's value after the change, else before. */
  field(field: string): unknown {
    const c = this.e.changes[field];
    if (!c || c.hidden) return undefined;
    return c.after ?? c.before;
  }

  text(field: string): string | undefined {
    const v = this.field(field);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }
}

/** Bookkeeping fields that say nothing to a reader. */
const HIDDEN_FIELDS = ['id', 'organisationId', 'createdById', 'decidedById', 'proposalId', 'interfaceId'];

/** The date field of each usage status, from the one STATUSES table. */
const SINCE_FIELD: Record<string, string> = Object.fromEntries(STATUSES.map(([status, , , field]) => [status, field]));

/** How the change came in, where the sentence says it: " bij import van landschap.csv", " via de opdrachtregel". */
function how(e: HistoryEvent): string {
  if (e.file) return ` bij import van ${e.file}`;
  if (e.source === 'CLI') return ' via de opdrachtregel';
  if (e.source === 'SEED') return ' bij het inlezen van de inhoud';
  return '';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function usageSubject(w: Words, e: HistoryEvent, names: Names): string {
  const id = rawId(e.entityId);
  if (names.usage?.has(id)) return w.usage(id);
  const product = w.field('productId');
  return typeof product === 'string' ? w.value('productId', product) : 'een gebruik';
}

function usageStatusAt(w: Words): string {
  const status = w.field('status');
  if (typeof status !== 'string') return '';
  const since = SINCE_FIELD[status];
  const date = since ? w.field(since) : undefined;
  return ` (${w.value('status', status)}${typeof date === 'string' ? ` per ${w.value(since ?? '', date)}` : ''})`;
}

/** A koppeling as its ends: "Decos JOIN levert aan Open Zaak van Coevorden via iConnect". */
function interfaceText(w: Words, e: HistoryEvent, names: Names): string {
  const current = names.interface?.get(rawId(e.entityId));
  const pick = (field: keyof InterfaceEnds) => {
    const fromChange = w.field(field);
    return typeof fromChange === 'string' ? fromChange : (current?.[field] ?? null);
  };
  const from = pick('fromUsageId');
  const to = pick('toUsageId');
  const service = pick('externalServiceId');
  const via = pick('intermediaryId');
  if (!from) return w.text('key') ?? (current?.key || '(niet meer bekend)');
  const direction = w.field('direction') ?? (current?.direction || undefined);
  const verb = typeof direction === 'string' ? w.value('direction', direction) : 'gekoppeld aan';
  const target = to ? w.usage(to) : service ? w.value('externalServiceId', service) : 'onbekend';
  return `${w.usage(from)} ${verb} ${target}${via ? ` via ${w.usage(via)}` : ''}`;
}

function named(w: Words, e: HistoryEvent, kind: Exclude<NameKind, 'usage' | 'interface'>): string {
  const loaded = w.name(kind, e.entityId);
  return loaded !== 'onbekend' ? loaded : (w.text('name') ?? w.text('key') ?? 'onbekend');
}

function migrationName(w: Words, e: HistoryEvent): string {
  return named(w, e, 'migration');
}

/** Someone named by a private field: the address for who may see it, else only that it is someone. */
function person(w: Words, field: string, someone: string): string {
  return w.text(field) ?? someone;
}

/** " via Entra ID Emmen" for a sign-in through an organisation's provider. */
const viaProvider = (w: Words) => (w.text('provider') ? ` via ${w.text('provider')}` : '');
const account = (w: Words) => (w.text('email') ? `Account ${w.text('email')}` : 'Een account');
const token = (w: Words) => (w.text('name') ? `API-token ${w.text('name')}` : 'Een API-token');

/** What each kind of import counts. */
const IMPORT_COUNTS: Record<string, string> = {
  'koppelingen-csv': 'koppelingen',
  gemma: 'referentiecomponenten, standaarden en voorzieningen',
};

/** "3 toegevoegd, 2 gewijzigd en 10 ongewijzigd". */
function counted(counts: Record<string, unknown> | undefined): string {
  const words = { added: 'toegevoegd', changed: 'gewijzigd', unchanged: 'ongewijzigd' } as const;
  const parts = (Object.keys(words) as (keyof typeof words)[]).flatMap((k) => (typeof counts?.[k] === 'number' ? [`${counts[k]} ${words[k]}`] : []));
  return list(parts);
}

/** ": gebruiken 3 toegevoegd, 2 gewijzigd en 10 ongewijzigd; koppelingen 1 toegevoegd en 0 gewijzigd", or the product. */
function importSummary(w: Words): string {
  const summary = Object.fromEntries(['added', 'changed', 'unchanged', 'interfaces'].map((k) => [k, w.field(k)]));
  const own = counted(summary);
  const interfaces = summary.interfaces && typeof summary.interfaces === 'object' ? counted(summary.interfaces as Record<string, unknown>) : '';
  const parts = [own ? `${IMPORT_COUNTS[w.text('kind') ?? ''] ?? 'gebruiken'} ${own}` : '', interfaces ? `koppelingen ${interfaces}` : ''].filter(Boolean);
  if (parts.length) return `: ${parts.join('; ')}`;
  const product = w.text('product');
  return product ? `: pakket ${product}` : '';
}

type Sentence = (w: Words, e: HistoryEvent, names: Names) => string;

/**
 * One sentence per kind of change the trail records (AUDIT_KINDS): the compiler holds this table to that list, and
 * test/unit/history.test.ts gives each an event.
 */
export const SENTENCES: { [E in AuditEntityType]: { [A in AuditAction<E>]: Sentence } } = {
  Usage: {
    CREATE: (w, e, n) => `Gebruik toegevoegd${how(e)}: ${usageSubject(w, e, n)}${usageStatusAt(w)}`,
    UPDATE: (w, e, n) => `${capitalise(usageSubject(w, e, n))} gewijzigd${how(e)}: ${w.changes()}`,
    SET_STATUS: (w, e, n) => {
      const status = e.changes.status;
      if (!status) return `${capitalise(usageSubject(w, e, n))} gewijzigd${how(e)}: ${w.changes()}`;
      const since = SINCE_FIELD[String(status.after)];
      const date = since ? e.changes[since]?.after : undefined;
      return `Status van ${usageSubject(w, e, n)} gewijzigd${how(e)} van ${w.value('status', status.before)} naar ${w.value('status', status.after)}${
        typeof date === 'string' ? ` per ${w.value(since ?? '', date)}` : ''
      }`;
    },
    RETIRE: (w, e, n) => {
      const date = e.changes.retiredSince?.after;
      return `${capitalise(usageSubject(w, e, n))} uitgefaseerd${how(e)}${typeof date === 'string' ? ` per ${w.value('retiredSince', date)}` : ''}`;
    },
  },
  Interface: {
    CREATE: (w, e, n) => {
      const details = [w.field('type') && w.value('type', w.field('type')), w.field('status') && w.value('status', w.field('status'))].filter(Boolean);
      const pending = w.field('pendingConsent') === true ? ', wacht op akkoord van de andere organisatie' : '';
      return `Koppeling toegevoegd${how(e)}: ${interfaceText(w, e, n)}${details.length ? ` (${details.join(', ')}${pending})` : pending ? ` (${pending.slice(2)})` : ''}`;
    },
    UPDATE: (w, e, n) => `Koppeling ${interfaceText(w, e, n)} gewijzigd${how(e)}: ${w.changes()}`,
    DELETE: (w, e, n) => `Koppeling verwijderd${how(e)}: ${interfaceText(w, e, n)}`,
  },
  Migration: {
    CREATE: (w, e) => {
      const replaces = w.field('replaces');
      const target = w.field('targetProductId');
      const start = w.field('plannedStart');
      const end = w.field('plannedEnd');
      return `Migratie ${migrationName(w, e)} toegevoegd${how(e)}${Array.isArray(replaces) && replaces.length ? `: van ${w.value('replaces', replaces)}` : ''}${
        typeof target === 'string' ? ` naar ${w.value('targetProductId', target)}` : ''
      }${typeof start === 'string' && typeof end === 'string' ? `, gepland van ${w.value('plannedStart', start)} tot ${w.value('plannedEnd', end)}` : ''}`;
    },
    UPDATE: (w, e) => `Migratie ${migrationName(w, e)} gewijzigd${how(e)}: ${w.changes()}`,
    APPLY: (w, e) => `Migratie ${migrationName(w, e)} gewijzigd uit een scenario${how(e)}: ${w.changes()}`,
  },
  Capacity: {
    UPDATE: (w, e) => `Beheercapaciteit van ${w.name('organisation', e.entityId)} gewijzigd${how(e)}: ${capacityChanges(w, e)}`,
    APPLY: (w, e) => `Beheercapaciteit van ${w.name('organisation', e.entityId)} gewijzigd uit een scenario${how(e)}: ${capacityChanges(w, e)}`,
  },
  Scenario: {
    CREATE: (w, e) => {
      const migrations = w.field('migrations');
      const figures = w.field('capacityFigures');
      return `Scenario ${named(w, e, 'scenario')} aangemaakt${how(e)}${
        typeof migrations === 'number' ? ` met ${migrations} migraties en ${typeof figures === 'number' ? figures : 0} capaciteitscijfers` : ''
      }`;
    },
    UPDATE: (w, e) => `Scenario ${named(w, e, 'scenario')} gewijzigd${how(e)}: ${scenarioChanges(w, e)}`,
    APPLY: (w, e) => {
      const migrations = w.field('migrations');
      const figures = w.field('capacityFigures');
      const parts = [
        Array.isArray(migrations) && migrations.length ? `migratie${migrations.length > 1 ? 's' : ''} ${list(migrations.map(String))}` : '',
        typeof figures === 'number' && figures > 0 ? `${figures} capaciteitscijfer${figures > 1 ? 's' : ''}` : '',
      ].filter(Boolean);
      return `Scenario ${named(w, e, 'scenario')} toegepast${how(e)}${parts.length ? `: ${list(parts)} in het plan gezet` : ''}`;
    },
    DISCARD: (w, e) => `Scenario ${named(w, e, 'scenario')} verworpen${how(e)}`,
  },
  Programme: {
    CREATE: (w, e) => {
      const deadline = w.field('deadline');
      return `Programma ${named(w, e, 'programme')} toegevoegd${how(e)}${typeof deadline === 'string' ? `, deadline ${w.value('deadline', deadline)}` : ''}`;
    },
    UPDATE: (w, e) => `Programma ${named(w, e, 'programme')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  Product: {
    CREATE: (w, e) => {
      const supplier = w.field('supplierId');
      return `Pakket ${named(w, e, 'product')} toegevoegd aan de catalogus${how(e)}${typeof supplier === 'string' ? ` (leverancier ${w.value('supplierId', supplier)})` : ''}`;
    },
    UPDATE: (w, e) => `Pakket ${named(w, e, 'product')} gewijzigd${how(e)}: ${w.changes()}`,
    MERGE: (w, e) => `Pakket ${named(w, e, 'product')} samengevoegd met ${w.text('mergedFrom') ?? 'een ander pakket'}${how(e)}`,
    DELETE: (w, e) =>
      w.text('mergedInto')
        ? `Pakket ${w.text('name') ?? 'onbekend'} opgegaan in ${w.text('mergedInto')}${how(e)}`
        : `Pakket ${w.text('name') ?? 'onbekend'} verwijderd${how(e)}`,
  },
  Supplier: {
    CREATE: (w, e) => `Leverancier ${named(w, e, 'supplier')} toegevoegd aan de catalogus${how(e)}`,
    MERGE: (w, e) => `Leverancier ${named(w, e, 'supplier')} samengevoegd met ${w.text('mergedFrom') ?? 'een andere leverancier'}${how(e)}`,
    DELETE: (w, e) =>
      w.text('mergedInto')
        ? `Leverancier ${w.text('name') ?? 'onbekend'} opgegaan in ${w.text('mergedInto')}${how(e)}`
        : `Leverancier ${w.text('name') ?? 'onbekend'} verwijderd${how(e)}`,
  },
  ReferenceComponent: {
    CREATE: (w, e) => `Referentiecomponent ${named(w, e, 'referenceComponent')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Referentiecomponent ${named(w, e, 'referenceComponent')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  Standard: {
    CREATE: (w, e) => `Standaard ${named(w, e, 'standard')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Standaard ${named(w, e, 'standard')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  ExternalService: {
    CREATE: (w, e) => `Landelijke voorziening ${named(w, e, 'externalService')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Landelijke voorziening ${named(w, e, 'externalService')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  ReferenceProposal: {
    CREATE: (w, e) =>
      `Voorstel van ${w.value('proposingOrganisationId', w.field('proposingOrganisationId'))} aan ${w.value('receivingOrganisationId', w.field('receivingOrganisationId'))}${how(e)}: ${proposalText(w)}`,
    UPDATE: (w, e) => {
      const status = e.changes.status;
      const outcome = status ? ` ${w.value('status', status.after).toLowerCase()}` : ` gewijzigd: ${w.changes()}`;
      return `Voorstel van ${w.value('proposingOrganisationId', w.field('proposingOrganisationId'))} aan ${w.value('receivingOrganisationId', w.field('receivingOrganisationId'))} (${proposalText(w)})${outcome}${how(e)}`;
    },
  },
  Organisation: {
    CREATE: (w, e) => `Organisatie ${named(w, e, 'organisation')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Organisatie ${named(w, e, 'organisation')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  Membership: {
    CREATE: (w, e) => {
      const role = w.field('role');
      return `${capitalise(person(w, 'email', 'iemand'))} lid gemaakt${typeof role === 'string' ? ` als ${w.value('role', role).toLowerCase()}` : ''}${how(e)}`;
    },
    UPDATE: (w, e) => {
      const role = e.changes.role;
      return role && !role.hidden
        ? `Rol van ${person(w, 'email', 'een lid')} gewijzigd${how(e)} van ${w.value('role', role.before).toLowerCase()} naar ${w.value('role', role.after).toLowerCase()}`
        : `Rol van ${person(w, 'email', 'een lid')} gewijzigd${how(e)}`;
    },
    DELETE: (w, e) =>
      `${capitalise(person(w, 'email', 'een lid'))} is geen lid meer${how(e)}${w.field('accessEnded') === true ? '; de toegang is beëindigd' : ''}`,
  },
  Invitation: {
    INVITE: (w, e) => {
      const role = w.field('role');
      return `${capitalise(person(w, 'email', 'iemand'))} uitgenodigd${typeof role === 'string' ? ` als ${w.value('role', role).toLowerCase()}` : ''}${how(e)}`;
    },
    ACCEPT: (w, e) => `Uitnodiging aangenomen door ${person(w, 'email', 'de genodigde')}${how(e)}`,
  },
  User: {
    CREATE: (w, e) => `${account(w)} aangemaakt${how(e)}${w.field('isInstanceAdmin') === true ? ' als beheerder van Grondplan' : ''}`,
    UPDATE: (w, e) => `${account(w)} bijgewerkt${how(e)}: ${w.changes(['email', 'membership', 'oneTimePasswordSet'])}`,
    DISABLE: (w, e) => `${account(w)} geblokkeerd${how(e)}`,
    ENABLE: (w, e) => `${account(w)} gedeblokkeerd${how(e)}`,
    RESET_PASSWORD: (w, e) => `Wachtwoord van ${person(w, 'email', 'een account')} vervangen door een eenmalig wachtwoord${how(e)}`,
    CHANGE_PASSWORD: (w, e) => `Wachtwoord van ${person(w, 'email', 'een account')} gewijzigd${how(e)}`,
    REQUEST_PASSWORD_RESET: (w, e) => `Link voor een nieuw wachtwoord gemaild naar ${person(w, 'email', 'een account')}${how(e)}`,
    RESET_PASSWORD_BY_MAIL: (w, e) => `Wachtwoord van ${person(w, 'email', 'een account')} gewijzigd via een gemailde link${how(e)}`,
    SSO_PROVISION: (w, e) =>
      `${account(w)} aangemaakt bij de eerste keer inloggen via ${w.text('provider') ?? 'de inlogdienst van de organisatie'}${how(e)}${typeof w.field('role') === 'string' ? ` als ${w.value('role', w.field('role')).toLowerCase()}` : ''}`,
    SSO_LINK: (w, e) => `${account(w)} gekoppeld aan ${w.text('provider') ?? 'de inlogdienst van de organisatie'}${how(e)}`,
    SSO_UNLINK: (w, e) => `${account(w)} ontkoppeld van ${w.text('provider') ?? 'de inlogdienst van de organisatie'}${how(e)}`,
  },
  IdentityProvider: {
    CREATE: (w, e) => `Inlogdienst ${w.text('name') ?? 'onbekend'} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Inlogdienst ${w.text('name') ?? 'onbekend'} gewijzigd${how(e)}: ${w.changes(['name'])}`,
  },
  ApiToken: {
    CREATE: (w, e) => {
      const scope = w.field('scope');
      const expires = w.field('expiresAt');
      const details = [
        scope === 'READ_WRITE' ? 'lezen en schrijven' : scope === 'READ' ? 'alleen lezen' : '',
        typeof expires === 'string' ? `geldig tot ${w.value('expiresAt', expires)}` : '',
      ].filter(Boolean);
      return `${token(w)} aangemaakt${how(e)}${details.length ? ` (${details.join(', ')})` : ''}`;
    },
    REVOKE: (w, e) => `${token(w)} ingetrokken${how(e)}`,
  },
  Session: {
    SIGN_IN: (w, e) => `Ingelogd als ${person(w, 'email', 'een gebruiker')}${viaProvider(w)}${how(e)}`,
    SIGN_IN_FAILED: (w, e) =>
      `Inloggen als ${person(w, 'email', 'een gebruiker')}${viaProvider(w)} mislukt${how(e)}${w.text('reason') ? `: ${w.text('reason')}` : ''}`,
    SIGN_IN_THROTTLED: (w, e) => `Inloggen als ${person(w, 'email', 'een gebruiker')} tijdelijk geweigerd${how(e)}: te veel pogingen`,
    SIGN_OUT: (w, e) => `Uitgelogd${w.text('email') ? ` als ${w.text('email')}` : ''}${how(e)}`,
    SESSION_END: (w, e) => `Sessie${w.text('device') ? ` (${w.text('device')})` : ''} van ${person(w, 'email', 'een gebruiker')} beëindigd${how(e)}`,
    SECOND_FACTOR_REQUIRED: (w, e) => `Wachtwoord van ${person(w, 'email', 'een gebruiker')} juist${how(e)}; tweede stap gevraagd`,
    SECOND_FACTOR_FAILED: (w, e) => `Tweede stap van het inloggen als ${person(w, 'email', 'een gebruiker')} mislukt${how(e)}`,
    SECOND_FACTOR_LOCKED: (w, e) =>
      `Tweede stap van het inloggen als ${person(w, 'email', 'een gebruiker')} geblokkeerd${how(e)}: te veel onjuiste codes, tot een nieuw wachtwoord`,
  },
  SecondFactor: {
    ADD: (w, e) =>
      `${w.text('factor') === 'passkey' ? `Passkey ${w.text('name') ?? ''}`.trim() : 'Authenticator-app'} toegevoegd als tweede factor van ${person(w, 'email', 'een account')}${how(e)}`,
    REMOVE: (w, e) =>
      `${w.text('factor') === 'passkey' ? `Passkey ${w.text('name') ?? ''}`.trim() : 'Authenticator-app'} verwijderd als tweede factor van ${person(w, 'email', 'een account')}${how(e)}`,
    RECOVERY_CODES: (w, e) => `Nieuwe herstelcodes voor ${person(w, 'email', 'een account')}${how(e)}`,
  },
  Import: {
    CREATE: (w, e) => `Bestand ${w.text('file') ?? e.entityId} ingelezen${e.source === 'CLI' ? ' via de opdrachtregel' : ''}${importSummary(w)}`,
  },
  Content: {
    SEED: (w) => {
      const c = w.field('content') as Record<string, unknown> | undefined;
      const n = (k: string) => (typeof c?.[k] === 'number' ? (c[k] as number) : 0);
      return `Inhoud ingelezen uit content/: ${n('organisations')} organisaties, ${n('products')} pakketten, ${n('usages')} gebruiken en ${n('interfaces')} koppelingen`;
    },
  },
};

/** Capacity keys are "2027-Q1 FUNCTIONAL_MANAGEMENT": "Functioneel beheer in K1 2027 van 1,5 naar 2 fte". */
function capacityChanges(w: Words, e: HistoryEvent): string {
  const parts = Object.entries(e.changes).map(([key, c]) => capacityChange(key, c));
  return parts.length ? list(parts) : 'niets gewijzigd';
  function capacityChange(key: string, c: FieldChange): string {
    const [quarter = '', role = ''] = key.split(' ');
    return `${roleLabel[role as keyof typeof roleLabel] ?? role} in ${quarterLabel(quarter)} ${fteChange(w, c)}`;
  }
}

function fteChange(w: Words, c: FieldChange): string {
  const fte = (v: unknown) => (typeof v === 'number' ? `${number(v)} fte` : w.value('fte', v));
  if (c.before === null || c.before === undefined) return `${fte(c.after)} (was niet ingevuld)`;
  if (c.after === null || c.after === undefined) return `leeggemaakt (was ${fte(c.before)})`;
  return `van ${fte(c.before)} naar ${fte(c.after)}`;
}

/** A scenario's changes: a migration's plan (by its id) or a capacity figure ("emmen ROLE 2027-Q1"). */
function scenarioChanges(w: Words, e: HistoryEvent): string {
  const parts = Object.entries(e.changes).map(([key, c]) => {
    const id = rawId(key);
    if (id !== key) return `plan van migratie ${w.name('migration', id)} aangepast`;
    const [, role = '', quarter = ''] = key.split(' ');
    return `${roleLabel[role as keyof typeof roleLabel] ?? role} in ${quarterLabel(quarter)} ${fteChange(w, c)}`;
  });
  return parts.length ? list(parts) : 'niets gewijzigd';
}

/** What a proposal is about: "Coevorden als technisch beheerder van Decos JOIN". */
function proposalText(w: Words): string {
  const kind = w.field('kind');
  const usage = w.field('usageId');
  const target = w.field('targetUsageId');
  const receiving = w.value('receivingOrganisationId', w.field('receivingOrganisationId'));
  const subject = typeof usage === 'string' ? w.usage(usage) : 'een gebruik';
  if (kind === 'OPERATOR') return `${receiving} als technisch beheerder van ${subject}`;
  const key = w.text('interfaceKey');
  const koppeling = `koppeling${key ? ` ${key}` : ''} van ${subject}`;
  const other = typeof target === 'string' ? w.usage(target) : 'een gebruik';
  return kind === 'INTERFACE_VIA' ? `${koppeling} via ${other}` : `${koppeling} naar ${other}`;
}

/** Whether the trail records this kind of change (a sentence exists for it). */
export function isKnownKind(entityType: string, action: string): entityType is AuditEntityType {
  return entityType in AUDIT_KINDS && (AUDIT_KINDS[entityType as AuditEntityType] as readonly string[]).includes(action);
}

/** The event as one Dutch sentence, with the names it refers to. */
export function describe(e: HistoryEvent, names: Names): string {
  const words = new Words(e, names);
  if (!isKnownKind(e.entityType, e.action)) return `${e.entityType} ${e.action.toLowerCase()}${how(e)}`;
  const sentences = SENTENCES[e.entityType] as Record<string, Sentence>;
  const sentence = sentences[e.action];
  return sentence ? `${sentence(words, e, names)}.` : `${e.entityType} ${e.action.toLowerCase()}${how(e)}.`;
}
