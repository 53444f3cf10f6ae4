// The credential's limits on what an operation may do, checked once before execution for /graphql (a Yoga plugin)
// and the pages (execute.ts): a READ token runs no mutations, a one-time password must be changed before anything
// else is done, and so must a required second factor be set up.
import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from '#core/context.ts';

/** A leaf (true) or the fields allowed below a field. */
type Allowed = true | { readonly [field: string]: Allowed };
/**
 * What a user with a one-time password may still do: see who they are, change the password, sign out. Whole selection
 * trees, not only the top-level fields: `viewer { memberships { organisation { usages } } }` is refused.
 */
const ALLOWED_BEFORE_PASSWORD_CHANGE: Allowed = {
  __typename: true,
  viewer: { __typename: true, id: true, email: true, name: true, mustChangePassword: true },
  changePassword: {
    __typename: true,
    message: true,
    data: true,
    problems: { __typename: true, path: true, message: true },
  },
  signOut: true,
};

const answer: Allowed = {
  __typename: true,
  message: true,
  data: true,
  problems: { __typename: true, path: true, message: true },
};
/**
 * What a user who must have a second factor and has none may do: see who they are and their factors, set up an
 * authenticator app or a passkey, sign out.
 */
const ALLOWED_BEFORE_SECOND_FACTOR: Allowed = {
  __typename: true,
  viewer: {
    __typename: true,
    id: true,
    email: true,
    name: true,
    mustChangePassword: true,
    mustSetUpSecondFactor: true,
    isInstanceAdmin: true,
    secondFactors: {
      __typename: true,
      required: true,
      totp: true,
      addingNeedsPassword: true,
      recoveryCodesLeft: true,
      pendingTotp: { __typename: true, secret: true, groupedSecret: true, uri: true, qrCode: true },
      passkeys: { __typename: true, id: true, name: true, createdAt: true, lastUsedAt: true },
    },
  },
  startTotpSetup: { ...answer, data: { __typename: true, secret: true, groupedSecret: true, uri: true, qrCode: true } },
  confirmTotp: { ...answer, data: { __typename: true, codes: true } },
  beginPasskeyRegistration: answer,
  addPasskey: { ...answer, data: { __typename: true, codes: true } },
  signOut: true,
};

/** Whether every field of the selection (through fragments) is in the allowed tree. */
function withinAllowed(
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  allowed: Allowed,
  seen = new Set<string>(),
): boolean {
  if (allowed === true) return false;
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.INLINE_FRAGMENT) return withinAllowed(document, selection.selectionSet, allowed, seen);
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      if (seen.has(name)) return false;
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
      return (
        fragment?.kind === Kind.FRAGMENT_DEFINITION &&
        withinAllowed(document, fragment.selectionSet, allowed, new Set([...seen, name]))
      );
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

export const SET_UP_SECOND_FACTOR_MESSAGE =
  'Voor jouw account is een tweede factor verplicht: stel eerst een authenticator-app of passkey in op /account/tweestapsverificatie. Daarna kun je verder.';

/** Null when the operation may run; otherwise the Dutch reason it is refused. */
export function operationRefusal(ctx: Context, document: DocumentNode, operationName?: string | null): string | null {
  const viewer = ctx.viewer;
  if (!viewer) return null;
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return null;
  if (viewer.mustChangePassword) {
    if (!withinAllowed(document, operation.selectionSet, ALLOWED_BEFORE_PASSWORD_CHANGE))
      return CHANGE_PASSWORD_MESSAGE;
  } else if (viewer.mustSetUpSecondFactor) {
    // After the one-time password is changed: the password comes first.
    if (!withinAllowed(document, operation.selectionSet, ALLOWED_BEFORE_SECOND_FACTOR))
      return SET_UP_SECOND_FACTOR_MESSAGE;
  }
  if (operation.operation === 'mutation' && viewer.scope === 'READ') return READ_TOKEN_MESSAGE;
  return null;
}
