// The credential's limits on what an operation may do, checked once before execution for /graphql (a Yoga plugin)
// and the pages (execute.ts): a READ token runs no mutations, and a one-time password must be changed before anything
// else is done.
import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from './context.ts';

/** A leaf (true) or the fields allowed below a field. */
type Allowed = true | { readonly [field: string]: Allowed };
/**
 * What a user with a one-time password may still do: see who they are, change the password, sign out. Whole selection
 * trees, not only the top-level fields: `viewer { memberships { organisation { usages } } }` is refused.
 */
const ALLOWED_BEFORE_PASSWORD_CHANGE: Allowed = {
  __typename: true,
  viewer: { __typename: true, id: true, email: true, name: true, mustChangePassword: true },
  changePassword: { __typename: true, message: true, data: true, problems: { __typename: true, path: true, message: true } },
  signOut: true,
};

/** Whether every field of the selection (through fragments) is in the allowed tree. */
function withinAllowed(document: DocumentNode, selectionSet: SelectionSetNode, allowed: Allowed, seen = new Set<string>()): boolean {
  if (allowed === true) return false;
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.INLINE_FRAGMENT) return withinAllowed(document, selection.selectionSet, allowed, seen);
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      if (seen.has(name)) return false;
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
      return fragment?.kind === Kind.FRAGMENT_DEFINITION && withinAllowed(document, fragment.selectionSet, allowed, new Set([...seen, name]));
    }
    const below = Object.hasOwn(allowed, selection.name.value) ? allowed[selection.name.value] : undefined;
    if (below === undefined) return false;
    if (below === true) return !selection.selectionSet;
    return !selection.selectionSet || withinAllowed(document, selection.selectionSet, below, seen);
  });
}

export const READ_TOKEN_MESSAGE =
  'Dit API-token mag alleen lezen. Maak op je accountpagina (/account) een token met het bereik "lezen en schrijven" om gegevens te wijzigen.';
export const CHANGE_PASSWORD_MESSAGE =
  'Je wachtwoord is eenmalig: wijzig het eerst op /account/wachtwoord (of met de mutatie changePassword). Daarna kun je verder.';

/** Null when the operation may run; otherwise the Dutch reason it is refused. */
export function operationRefusal(ctx: Context, document: DocumentNode, operationName?: string | null): string | null {
  const viewer = ctx.viewer;
  if (!viewer) return null;
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return null;
  if (viewer.mustChangePassword) {
    if (!withinAllowed(document, operation.selectionSet, ALLOWED_BEFORE_PASSWORD_CHANGE)) return CHANGE_PASSWORD_MESSAGE;
  }
  if (operation.operation === 'mutation' && viewer.scope === 'READ') return READ_TOKEN_MESSAGE;
  return null;
}
