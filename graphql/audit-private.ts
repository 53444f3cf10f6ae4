// The audit trail's changes that changed nothing but private fields (core/privacy.ts onlyPrivateFields, recorded as
// AuditEvent.privateOnly when the change is written): a reader who may not see those fields does not see such a change
// at all, on any path (the list, its count, node, nodes). One rule, twice: as a test of one event and as the
// where-clause of the list, so the list never lets through what a node refuses.
import type { Context } from '#core/context.ts';
import { maySeePrivate, PRIVATE_FIELDS } from '#core/privacy.ts';

/** Whether this recorded change is one the reader may not see at all: only private fields it may not see. */
export function privateOnlyFor(
  ctx: Context,
  e: { entityType: string; organisationId: string | null; privateOnly: boolean },
): boolean {
  return e.privateOnly && !maySeePrivate(ctx.viewer, e.entityType, e.organisationId);
}

/** The models whose private fields only the organisation's own members may see (not instance administrators). */
const MEMBERS_ONLY = Object.entries(PRIVATE_FIELDS)
  .filter(([, declaration]) => declaration.audience === 'members')
  .map(([model]) => model);

/**
 * `privateOnlyFor` as a where-clause: leave out the private-only changes of organisations the reader is no member of
 * (for an instance administrator, only those of models its role does not open). Bounded by the reader's own
 * memberships, whatever the size of the trail.
 */
export function withoutPrivateOnly(ctx: Context) {
  const viewer = ctx.viewer;
  const own = viewer ? viewer.organisationIds : [];
  return {
    NOT: {
      privateOnly: true,
      OR: [{ organisationId: null }, { organisationId: { notIn: [...own] } }],
      ...(viewer?.isInstanceAdmin ? { entityType: { in: MEMBERS_ONLY } } : {}),
    },
  };
}
