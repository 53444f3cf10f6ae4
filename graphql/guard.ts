// The credential's limits on what an operation may do, checked once before execution for /graphql (a Yoga plugin)
// and the pages (execute.ts): a READ token runs no mutations, and a one-time password must be changed before anything
// else is done.
import { type DocumentNode, getOperationAST, Kind } from 'graphql';
import type { Context } from './context.ts';

/** What a user with a one-time password may still do: see who they are, change the password, sign out. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['viewer', 'changePassword', 'signOut', '__typename']);

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
    const allowed = operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && ALLOWED_BEFORE_PASSWORD_CHANGE.has(s.name.value));
    if (!allowed) return CHANGE_PASSWORD_MESSAGE;
  }
  if (operation.operation === 'mutation' && viewer.scope === 'READ') return READ_TOKEN_MESSAGE;
  return null;
}
