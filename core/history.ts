// The history in words: one Dutch sentence per audit event, with the names users know instead of ids and enum values.
// A pure function over the event and the names it refers to; the GraphQL field `AuditEvent.description` loads those
// names in batch (`referencesOf`, then `describe`). Private values arrive here already hidden.
import { AUDIT_KINDS, type AuditEntityType, type AuditSource } from './audit.ts';
import { rawId } from './global-ids.ts';
import { SENTENCES, type Sentence } from './history-sentences.ts';
import { how, Words } from './history-words.ts';

export { rawId };

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
  | 'scenario'
  /** The user a membership event is about, by address: only for who may see the organisation's members. */
  | 'person'
  | 'vvtStatement';

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

/** Fields that hold ids, and what they name. */
export const ID_FIELDS: Record<string, NameKind> = {
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
  VvtStatement: 'vvtStatement',
};

export const ids = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '').map(rawId);

/** Every id the event's sentence names, by kind (the koppeling's ends come in a second step: `endsOf`). */
export function referencesOf(e: HistoryEvent): { kind: NameKind; id: string }[] {
  const refs: { kind: NameKind; id: string }[] = [];
  const own = ENTITY_KIND[e.entityType];
  if (own) refs.push({ kind: own, id: rawId(e.entityId) });
  if (e.entityType === 'Capacity' && e.organisationId) refs.push({ kind: 'organisation', id: e.organisationId });
  // A membership's change names its member (the event's id is the user's) and the organisation.
  if (e.entityType === 'Membership') {
    refs.push({ kind: 'person', id: rawId(e.entityId) });
    if (e.organisationId) refs.push({ kind: 'organisation', id: e.organisationId });
  }
  if (e.entityType === 'Scenario')
    for (const key of Object.keys(e.changes)) if (rawId(key) !== key) refs.push({ kind: 'migration', id: rawId(key) });
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

/** Whether the trail records this kind of change (a sentence exists for it). */
function isKnownKind(entityType: string, action: string): entityType is AuditEntityType {
  return (
    entityType in AUDIT_KINDS && (AUDIT_KINDS[entityType as AuditEntityType] as readonly string[]).includes(action)
  );
}

/** The event as one Dutch sentence, with the names it refers to. */
export function describe(e: HistoryEvent, names: Names): string {
  const words = new Words(e, names);
  if (!isKnownKind(e.entityType, e.action)) return `${e.entityType} ${e.action.toLowerCase()}${how(e)}`;
  const sentences = SENTENCES[e.entityType] as Record<string, Sentence>;
  const sentence = sentences[e.action];
  return sentence ? `${sentence(words, e, names)}.` : `${e.entityType} ${e.action.toLowerCase()}${how(e)}.`;
}
