// The GraphQL documents of the account pages (/account, /account/wachtwoord, /uitnodiging, /wachtwoord-vergeten,
// /wachtwoord-herstellen), in one module so that a test runs exactly what the pages run
// (test/security/accounts.test.ts). Typed documents (`graphql(...)`) for the pages that have been converted; texts for /account.
import { gql } from '#graphql/execute.ts';
import { graphql } from './graphql/index.ts';

/** Fields every mutation answer offers: its type, and an error's message. */
const answer = '__typename ... on Error { message }';
/** For mutations whose result can be a ValidationError. */
const answerWithProblems = `${answer} ... on ValidationError { problems { path message } }`;

export const ACCOUNT_QUERY = gql`
  query Account {
    sendsMail
    viewer {
      email
      name
      isInstanceAdmin
      mustChangePassword
      memberships { role isNew organisation { slug name } }
      apiTokens { id name scope createdAt expiresAt lastUsedAt revokedAt }
      sessions { id device address method createdAt lastSeenAt current }
      linkedProviders { id providerName organisationName createdAt lastSignInAt }
    }
  }
`;

export const USERS_QUERY = gql`query Users($slug: String!) { organisation(slug: $slug) { slug name users { email name role officer } } }`;
export const SENDS_MAIL_QUERY = graphql(`query SendsMail { sendsMail }`);

export const CREATE_TOKEN = `mutation CreateToken($n: String!, $s: ApiTokenScope, $d: Int) { createApiToken(name: $n, scope: $s, expiresInDays: $d) { ${answerWithProblems} ... on CreateApiTokenSuccess { data { token expiresAt } } } }`;
export const REVOKE_TOKEN = `mutation RevokeToken($id: ID!) { revokeApiToken(id: $id) { ${answer} } }`;
export const ACCOUNT_ACCESS = gql`query AccountAccess($e: String!) { accountAccess(email: $e) { email disabled openSessions activeApiTokens } }`;
export const END_SESSION = `mutation EndSession($id: ID!) { endSession(id: $id) { ${answerWithProblems} } }`;
export const UNLINK_PROVIDER = `mutation UnlinkProvider($id: ID!) { unlinkIdentityProvider(id: $id) { ${answerWithProblems} } }`;
export const END_OTHER_SESSIONS = `mutation EndOtherSessions { endOtherSessions { ${answer} ... on EndOtherSessionsSuccess { data } } }`;
export const INVITE_MEMBER = `mutation Invite($o: String!, $e: String!, $r: Role!) { inviteMember(organisation: $o, email: $e, role: $r) { ${answerWithProblems} ... on InviteMemberSuccess { data { invitationPath expiresAt addedToExistingAccount sentByMail } } } }`;
export const SET_ROLE = `mutation SetRole($o: String!, $e: String!, $r: Role!) { setMembership(organisation: $o, email: $e, role: $r) { ${answerWithProblems} } }`;
export const SET_OFFICER = `mutation SetOfficer($o: String!, $e: String!, $f: OfficerRole) { setOfficer(organisation: $o, email: $e, officer: $f) { ${answerWithProblems} } }`;
export const REMOVE_MEMBER = `mutation Remove($o: String!, $e: String!) { removeMembership(organisation: $o, email: $e) { ${answerWithProblems} } }`;
export const ACKNOWLEDGE_MEMBERSHIPS = `mutation Seen { acknowledgeMemberships { ${answer} } }`;
export const DISABLE_USER = `mutation Disable($e: String!) { disableUser(email: $e) { ${answerWithProblems} } }`;
export const ENABLE_USER = `mutation Enable($e: String!) { enableUser(email: $e) { ${answerWithProblems} } }`;
export const CHANGE_PASSWORD = graphql(
  `mutation ChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
);
export const INVITATION_QUERY = graphql(
  `query Invitation($t: String!) { invitation(token: $t) { email role organisationName expiresAt } }`,
);
export const ACCEPT_INVITATION = graphql(
  `mutation Accept($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AcceptInvitationSuccess { data { token expiresAt } } } }`,
);

export const REQUEST_PASSWORD_RESET = graphql(
  `mutation RequestReset($e: String!) { requestPasswordReset(email: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } } }`,
);
export const PASSWORD_RESET_QUERY = graphql(
  `query PasswordReset($t: String!) { passwordReset(token: $t) { email expiresAt } }`,
);
export const RESET_PASSWORD = graphql(
  `mutation ResetPassword($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
);

export type Answer = { __typename: string; message?: string; problems?: { path: string[]; message: string }[] };
