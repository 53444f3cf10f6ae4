// The values of an audit event in Dutch words: labels of enums, dates, amounts, names of what the event refers to, and the phrases the sentences are built from.
import { dateNl, timeNl } from './dates.ts';
import { evidenceKindLabel, evidenceVisibilityLabel } from './evidence.ts';
import { STATUSES } from './exchange/usages-csv.ts';
import {
  type FieldChange,
  type HistoryEvent,
  ID_FIELDS,
  type InterfaceEnds,
  ids,
  type NameKind,
  type Names,
  rawId,
} from './history.ts';
import {
  aiRiskClassLabel,
  architectureLabel,
  criticalityLabel,
  deliveryModelLabel,
  directionText,
  dpiaCriterionLabel,
  dpiaLabel,
  fieldLabel,
  interfaceStatusLabel,
  interfaceTypeLabel,
  layerLabel,
  memberRoleLabel,
  migrationStatusLabel,
  officerRoleLabel,
  pentestStateLabel,
  proposalStatusLabel,
  quarterLabel,
  roleLabel,
  scenarioStatusLabel,
  timeLabel,
  usageStatusLabel,
} from './labels.ts';
import { legalGroundLabel, processingRoleLabel, specialExceptionLabel } from './processing.ts';
import { vvtShareLabel, vvtStateLabel } from './vvt.ts';

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
  pentestState: { Usage: pentestStateLabel },
  aiRiskClass: { Usage: aiRiskClassLabel },
  dpiaCriteria: { Usage: dpiaCriterionLabel },
  role: {
    Membership: memberRoleLabel,
    Invitation: memberRoleLabel,
    User: memberRoleLabel,
    ProcessingActivity: processingRoleLabel,
  },
  officer: { Membership: officerRoleLabel },
  defaultRole: { IdentityProvider: memberRoleLabel },
  state: { VvtStatement: vvtStateLabel },
  mode: { VvtShare: vvtShareLabel },
  evidenceKind: { Evidence: evidenceKindLabel },
  visibility: { Evidence: evidenceVisibilityLabel },
  legalGround: { ProcessingActivity: legalGroundLabel },
  specialException: { ProcessingActivity: specialExceptionLabel },
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
function dateInWords(iso: string): string {
  const day = dateNl(iso.slice(0, 10));
  if (iso.length <= 10 || /T00:00:00(\.0+)?Z$/.test(iso)) return day;
  return `${day} om ${timeNl(iso)}`;
}

const number = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

export class Words {
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
      return list(
        all.map((id) =>
          kind === 'usage' ? this.usage(id) : kind === 'interface' ? 'een koppeling' : this.name(kind, id),
        ),
      );
    }
    const labels = ENUM_LABELS[field]?.[this.e.entityType];
    if (labels) {
      // A list stored as text (a usage's DPIA criteria) is its words one by one.
      const values = Array.isArray(value) ? value : String(value).split(',');
      return values.length ? list(values.map((v) => labels[String(v)] ?? String(v))) : 'geen';
    }
    if (field === 'kind' && this.e.entityType === 'ReferenceProposal')
      return PROPOSAL_KIND[String(value)] ?? String(value);
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
    const entries = Object.entries(this.e.changes).filter(
      ([field]) => !skip.includes(field) && !HIDDEN_FIELDS.includes(field),
    );
    const parts: string[] = [];
    const used = new Set<string>();
    const status = this.e.changes.status;
    const since =
      this.e.entityType === 'Usage' && status && !status.hidden ? SINCE_FIELD[String(status.after)] : undefined;
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

  /** The user a membership event is about, by address, when the names hold it (for who may see members). */
  member(): string | undefined {
    return this.e.entityType === 'Membership' ? this.names.other?.person?.get(rawId(this.e.entityId)) : undefined;
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
export const SINCE_FIELD: Record<string, string> = Object.fromEntries(
  STATUSES.map(([status, , , field]) => [status, field]),
);

/** How the change came in, where the sentence says it: " bij import van landschap.csv", " via de opdrachtregel". */
export function how(e: HistoryEvent): string {
  if (e.file) return ` bij import van ${e.file}`;
  if (e.source === 'CLI') return ' via de opdrachtregel';
  if (e.source === 'SEED') return ' bij het inlezen van de inhoud';
  return '';
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function usageSubject(w: Words, e: HistoryEvent, names: Names): string {
  const id = rawId(e.entityId);
  if (names.usage?.has(id)) return w.usage(id);
  const product = w.field('productId');
  return typeof product === 'string' ? w.value('productId', product) : 'een gebruik';
}

export function usageStatusAt(w: Words): string {
  const status = w.field('status');
  if (typeof status !== 'string') return '';
  const since = SINCE_FIELD[status];
  const date = since ? w.field(since) : undefined;
  return ` (${w.value('status', status)}${typeof date === 'string' ? ` per ${w.value(since ?? '', date)}` : ''})`;
}

/** A koppeling as its ends: "Decos JOIN levert aan Open Zaak van Coevorden via iConnect". */
export function interfaceText(w: Words, e: HistoryEvent, names: Names): string {
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

export function named(w: Words, e: HistoryEvent, kind: Exclude<NameKind, 'usage' | 'interface'>): string {
  const loaded = w.name(kind, e.entityId);
  return loaded !== 'onbekend' ? loaded : (w.text('name') ?? w.text('key') ?? 'onbekend');
}

export function migrationName(w: Words, e: HistoryEvent): string {
  return named(w, e, 'migration');
}

/**
 * Someone named by a private field: the address for who may see it, else only that it is someone. A membership's
 * change that does not carry the address (it did not change) names its member as the member is now.
 */
export function person(w: Words, field: string, someone: string): string {
  return w.text(field) ?? w.member() ?? someone;
}

/** A function as a sentence says it after "is nu": "informatiebeveiliger (CISO)". */
export const officerWords = (w: Words, officer: unknown) =>
  w.value('officer', officer).replace(/^./, (c) => c.toLowerCase());

/** " via Entra ID Emmen" for a sign-in through an organisation's provider. */
export const viaProvider = (w: Words) => (w.text('provider') ? ` via ${w.text('provider')}` : '');
export const account = (w: Words) => (w.text('email') ? `Account ${w.text('email')}` : 'Een account');
export const token = (w: Words) => (w.text('name') ? `API-token ${w.text('name')}` : 'Een API-token');

/** What each kind of import counts. */
const IMPORT_COUNTS: Record<string, string> = {
  'koppelingen-csv': 'koppelingen',
  gemma: 'referentiecomponenten, standaarden en voorzieningen',
};

/** "3 toegevoegd, 2 gewijzigd en 10 ongewijzigd". */
function counted(counts: Record<string, unknown> | undefined): string {
  const words = { added: 'toegevoegd', changed: 'gewijzigd', unchanged: 'ongewijzigd' } as const;
  const parts = (Object.keys(words) as (keyof typeof words)[]).flatMap((k) =>
    typeof counts?.[k] === 'number' ? [`${counts[k]} ${words[k]}`] : [],
  );
  return list(parts);
}

/** ": gebruiken 3 toegevoegd, 2 gewijzigd en 10 ongewijzigd; koppelingen 1 toegevoegd en 0 gewijzigd", or the product. */
export function importSummary(w: Words): string {
  const summary = Object.fromEntries(['added', 'changed', 'unchanged', 'interfaces'].map((k) => [k, w.field(k)]));
  const own = counted(summary);
  const interfaces =
    summary.interfaces && typeof summary.interfaces === 'object'
      ? counted(summary.interfaces as Record<string, unknown>)
      : '';
  const parts = [
    own ? `${IMPORT_COUNTS[w.text('kind') ?? ''] ?? 'gebruiken'} ${own}` : '',
    interfaces ? `koppelingen ${interfaces}` : '',
  ].filter(Boolean);
  if (parts.length) return `: ${parts.join('; ')}`;
  const product = w.text('product');
  return product ? `: pakket ${product}` : '';
}

/** Capacity keys are "2027-Q1 FUNCTIONAL_MANAGEMENT": "Functioneel beheer in K1 2027 van 1,5 naar 2 fte". */
export function capacityChanges(w: Words, e: HistoryEvent): string {
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
export function scenarioChanges(w: Words, e: HistoryEvent): string {
  const parts = Object.entries(e.changes).map(([key, c]) => {
    const id = rawId(key);
    if (id !== key) return `plan van migratie ${w.name('migration', id)} aangepast`;
    const [, role = '', quarter = ''] = key.split(' ');
    return `${roleLabel[role as keyof typeof roleLabel] ?? role} in ${quarterLabel(quarter)} ${fteChange(w, c)}`;
  });
  return parts.length ? list(parts) : 'niets gewijzigd';
}

/** What a proposal is about: "Coevorden als technisch beheerder van Decos JOIN". */
export function proposalText(w: Words): string {
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
