// The one rule for private data. Each model's private fields are declared here once, with who may see them; every
// path that can carry them (GraphQL fields, exports, audit events and history, caches) asks this module. A new
// private field (an information-security register, say) joins every path by being added to PRIVATE_FIELDS.
import type { Viewer } from './context.ts';

/** Who may see a private field of a row owned by an organisation. */
type Audience =
  /** Members of the owning organisation (any role); not even instance administrators. */
  | 'members'
  /** Members of the owning organisation and instance administrators (who manage accounts). */
  | 'membersAndInstanceAdmins';

interface Declaration {
  fields: readonly string[];
  audience: Audience;
  why: string;
}

/**
 * Per model (and per audit entity type, which is the model's name), the fields private to the owning organisation.
 * Audit events are redacted by this table too: their entity type names the model, their organisation the owner.
 */
export const PRIVATE_FIELDS = {
  Usage: {
    fields: [
      'contractEndsOn',
      'yearlyCost',
      'internalNote',
      'riskAssessmentDate',
      'pentestDate',
      'pentestState',
      'dpiaCriteria',
    ],
    audience: 'members',
    why: 'Cost, contract, internal notes, risk assessment, pentest and the DPIA criteria are visible to the own organisation only.',
  },
  VvtStatement: {
    fields: ['applies', 'reason', 'state', 'owner', 'evidence', 'reviewedOn'],
    audience: 'members',
    why: "A statement of applicability is the own organisation's unless it shares it (core/vvt.ts mayReadVvt); its audit trail stays with the organisation.",
  },
  Evidence: {
    fields: [
      'evidenceKind',
      'title',
      'evidenceIssuer',
      'evidenceScope',
      'validFrom',
      'validUntil',
      'link',
      'fileName',
      'sha256',
      'visibility',
      'partners',
    ],
    audience: 'members',
    why: "An evidence document is its organisation's unless its visibility shares it (core/evidence.ts mayReadEvidence); its audit trail stays with the organisation.",
  },
  ProcessingActivity: {
    fields: [
      'name',
      'purpose',
      'legalGround',
      'specialCategories',
      'specialException',
      'criminalData',
      'dataSubjects',
      'personalData',
      'retention',
      'recipients',
      'role',
      'templateId',
      'measures',
      'usages',
    ],
    audience: 'members',
    why: "The register of processing activities is the own organisation's: the API answers it to its members only (core/processing.ts), and its audit trail stays with the organisation.",
  },
  Membership: {
    fields: ['email', 'role', 'newUser', 'officer'],
    audience: 'membersAndInstanceAdmins',
    why: 'Who works at an organisation, and with which rights, is for that organisation and the instance administrators.',
  },
  Attestation: {
    fields: ['note', 'dataVersion'],
    audience: 'membersAndInstanceAdmins',
    why: "Whether and when an organisation confirmed its landscape, and the officer's note, are for that organisation and the instance administrators.",
  },
  Invitation: {
    fields: ['email', 'role', 'expiresAt', 'existingAccountWithoutMembership', 'passwordReplaced'],
    audience: 'membersAndInstanceAdmins',
    why: 'Whom an organisation invites, and with which rights, is for that organisation and the instance administrators.',
  },
  User: {
    fields: ['email', 'isInstanceAdmin', 'membership'],
    audience: 'membersAndInstanceAdmins',
    why: 'Accounts are for their own organisation and the instance administrators.',
  },
  IdentityProvider: {
    fields: [
      'issuer',
      'clientId',
      'emailDomains',
      'roleClaim',
      'viewerValues',
      'editorValues',
      'adminValues',
      'defaultRole',
      'enabled',
      'clientSecret',
    ],
    audience: 'membersAndInstanceAdmins',
    why: 'How an organisation signs in (its provider, client and role mapping) is for that organisation and the instance administrators; the client secret itself is never recorded anywhere readable.',
  },
} as const satisfies Record<string, Declaration>;

type PrivateModel = keyof typeof PRIVATE_FIELDS;
export type PrivateField<M extends PrivateModel> = (typeof PRIVATE_FIELDS)[M]['fields'][number];

const declarationOf = (model: string): Declaration | undefined =>
  (PRIVATE_FIELDS as Record<string, Declaration>)[model];

/** Whether the field of this model is declared private. */
export function isPrivateField(model: string, field: string): boolean {
  return declarationOf(model)?.fields.includes(field) ?? false;
}

/**
 * Whether a change of these fields of `model` changed nothing but fields private to the owner: a reader who may not see
 * them does not see the change at all (its history leaves it out), not even which fields it named. No fields: false.
 */
export function onlyPrivateFields(model: string, fields: readonly string[]): boolean {
  return fields.length > 0 && fields.every((field) => isPrivateField(model, field));
}

/** The models with private fields, and the fields: what a search of the audit trail for private-only changes looks for. */
export const PRIVATE_MODELS: readonly { model: string; fields: readonly string[] }[] = Object.entries(
  PRIVATE_FIELDS,
).map(([model, declaration]) => ({ model, fields: declaration.fields }));

/**
 * Who reads: a signed-in viewer, nobody (anonymous), or the operator on the command line, who works with the
 * database's own rights and so sees everything.
 */
export type Reader = Viewer | null | 'operator';

/** Whether the reader may see the private fields of `model` in a row owned by `ownerId` (null: owned by nobody). */
export function maySeePrivate(reader: Reader, model: string, ownerId: string | null): boolean {
  if (reader === 'operator') return true;
  const declaration = declarationOf(model);
  if (!declaration) return true;
  if (!reader) return false;
  if (declaration.audience === 'membersAndInstanceAdmins' && reader.isInstanceAdmin) return true;
  return ownerId !== null && reader.organisationIds.includes(ownerId);
}

/** The row with every private field the reader may not see set to null (the row itself when nothing is hidden). */
export function redact<T extends Record<string, unknown>>(
  reader: Reader,
  model: PrivateModel,
  ownerId: string | null,
  row: T,
): T {
  if (maySeePrivate(reader, model, ownerId)) return row;
  const copy: Record<string, unknown> = { ...row };
  for (const field of PRIVATE_FIELDS[model].fields) if (field in copy) copy[field] = null;
  return copy as T;
}

/**
 * Whether the reader may read the hub at all (landscapes, comparisons, audit, exports): a member of some
 * organisation, or an instance administrator. A signed-in user without membership reads only the own account.
 */
export function mayRead(viewer: Viewer | null): boolean {
  return Boolean(viewer && (viewer.isInstanceAdmin || viewer.organisationIds.length > 0));
}

/**
 * Whether the reader may know who the user behind an audit event is: the user, members of one of the user's
 * organisations, and instance administrators. Everyone else sees the organisation only.
 */
export function mayKnowPerson(reader: Reader, person: { userId: string; organisationIds: readonly string[] }): boolean {
  if (reader === 'operator') return true;
  if (!reader) return false;
  return (
    reader.isInstanceAdmin ||
    reader.userId === person.userId ||
    person.organisationIds.some((id) => reader.organisationIds.includes(id))
  );
}

/**
 * What a cache may key on so that two readers share an entry only if they may see the same: the user, the
 * instance-administrator flag and every membership with its role. A role or membership that changes without a data
 * change (a session of a removed member, say) so never meets an answer made for its old rights.
 */
export function visibilityKey(viewer: Viewer | null): string {
  if (!viewer) return '-';
  const memberships = viewer.memberships
    .map((m) => `${m.organisationId}:${m.role}`)
    .sort()
    .join(',');
  return `${viewer.userId}|${viewer.isInstanceAdmin ? 'A' : ''}|${memberships}`;
}
