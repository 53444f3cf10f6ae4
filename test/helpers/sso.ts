// Single sign-on against a real OpenID Connect provider (test/helpers/oidc-provider.ts), through the API as an
// anonymous browser would use it: start, the provider's login, the callback.
import type { Database } from '#prisma/client.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { graphqlClient } from './graphql.ts';
import { signInAtProvider, startOidcProvider, type TestProvider } from './oidc-provider.ts';
import { createUser, type TestUser } from './users.ts';

export const HUB = 'http://grondplan.test';
export const CALLBACK = `${HUB}/inloggen/sso/terug`;

export type Answer<T = unknown> = {
  __typename: string;
  message?: string;
  data?: T;
  problems?: { path: string[]; message: string }[];
};
export type Outcome = {
  session: { token: string } | null;
  linkEmail: string | null;
  providerName: string | null;
  returnPath: string;
};

export const START = `mutation($e: String, $p: ID, $b: String) { startSsoSignIn(email: $e, provider: $p, returnPath: $b) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on StartSsoSignInSuccess { data { authorizationUrl flowToken providerName } } } }`;
export const COMPLETE = `mutation($f: String!, $c: String!) { completeSsoSignIn(flowToken: $f, callbackUrl: $c) { __typename ... on Error { message } ... on CompleteSsoSignInSuccess { data { session { token } linkEmail providerName returnPath } } } }`;
export const LINK = `mutation($f: String!, $p: String!) { linkSsoAccount(flowToken: $f, password: $p) { __typename ... on Error { message } ... on LinkSsoAccountSuccess { data { token } } } }`;

const CREATE_PROVIDER = `mutation($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CreateIdentityProviderSuccess { data { id } } } }`;

/** Emmen's provider at `idp` as the administrator registers it, with `overrides`. */
export const providerSettings = (idp: TestProvider, overrides: Record<string, unknown> = {}) => ({
  organisation: 'emmen',
  name: 'Emmen Entra ID',
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  emailDomains: ['emmen.test'],
  roleClaim: 'groups',
  viewerValues: 'grondplan-lezers',
  editorValues: 'grondplan-redactie',
  adminValues: 'grondplan-beheer',
  defaultRole: 'VIEWER',
  enabled: true,
  ...overrides,
});

export interface SsoSetUp {
  t: TestDatabase;
  idp: TestProvider;
  /** An instance administrator. */
  admin: TestUser;
  /** The answer to registering Emmen's provider, and its id ('' when refused). */
  created: { createIdentityProvider: Answer<{ id: string }> } | undefined;
  providerId: string;
}

/**
 * A test database with an OpenID Connect provider on a loopback port that knows the hub's callback, an instance
 * administrator, Emmen's own mail domains (a provider vouches for those only) and Emmen's provider registered through
 * the API.
 */
export async function setUpSso(): Promise<SsoSetUp> {
  const t = await createTestDatabase();
  const idp = await startOidcProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [`${HUB}/`] });
  const admin = await createUser(t.db, 'beheerder@grondplan.test', [], { instanceAdmin: true });
  await t.db.prisma.organisation.update({ where: { slug: 'emmen' }, data: { emailDomains: 'emmen.nl emmen.test' } });
  const answer = await graphqlClient(t.db, admin.token)<{ createIdentityProvider: Answer<{ id: string }> }>(
    CREATE_PROVIDER,
    {
      input: providerSettings(idp),
    },
  );
  return { t, idp, admin, created: answer.data, providerId: answer.data?.createIdentityProvider.data?.id ?? '' };
}

export function ssoClient(db: Database, idp: TestProvider) {
  const anonymous = graphqlClient(db);
  /** Starts by the address's mail domain, or by the provider chosen on the sign-in page when `provider` is given. */
  async function start(email = 'x@emmen.test', returnPath = '/organisaties/emmen', provider?: string) {
    const res = await anonymous<{
      startSsoSignIn: Answer<{ authorizationUrl: string; flowToken: string; providerName: string }>;
    }>(START, {
      ...(provider ? { p: provider } : { e: email }),
      b: returnPath,
    });
    const data = res.data?.startSsoSignIn.data;
    if (!data) throw new Error(JSON.stringify(res));
    return data;
  }
  async function complete(flowToken: string, callbackUrl: string) {
    const res = await anonymous<{ completeSsoSignIn: Answer<Outcome> }>(COMPLETE, { f: flowToken, c: callbackUrl });
    return res.data?.completeSsoSignIn as Answer<Outcome>;
  }
  /** The whole round: start (by the account's address, or at `provider`), the provider's login as `login`, the callback. */
  async function ssoSignIn(login: string, provider?: string) {
    const flow = await start(idp.accounts.get(login)?.email, undefined, provider);
    const callback = await signInAtProvider(idp, flow.authorizationUrl, login);
    return { flow, callback, answer: await complete(flow.flowToken, callback) };
  }
  async function link(flowToken: string, password: string) {
    const res = await anonymous<{ linkSsoAccount: Answer<{ token: string }> }>(LINK, { f: flowToken, p: password });
    return res.data?.linkSsoAccount as Answer<{ token: string }>;
  }
  return { anonymous, start, complete, ssoSignIn, link };
}
