// The GraphQL documents and cookie of the second factor pages (/inloggen/tweede-stap, /account/tweestapsverificatie,
// the organisation's requirement), in one module so that a test runs exactly what the pages run.
import type { AstroCookies } from 'astro';
import type { Context } from '#core/context.ts';
import { SECOND_STEP_COOKIE, SECOND_STEP_MINUTES } from '#core/second-factor.ts';
import { execute } from '#graphql/execute.ts';
import { answerFields, type FieldError, str } from './forms.ts';
import type { PolicyQuery } from './graphql/graphql.ts';
import { graphql } from './graphql/index.ts';

export { SECOND_STEP_COOKIE };

export const SECOND_STEP_QUERY = graphql(
  `query SecondStep($c: String!) { secondStep(challenge: $c) { expiresAt methods passkeyOptions } }`,
);
export const COMPLETE_SIGN_IN = graphql(
  `mutation CompleteSignIn($c: String!, $code: String, $r: String, $p: String) { completeSignIn(challenge: $c, code: $code, recoveryCode: $r, passkey: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } ... on CompleteSignInSuccess { data { token expiresAt } } } }`,
);

export const FACTORS_QUERY = graphql(
  `query Factors { viewer { email mustSetUpSecondFactor secondFactors { required addingNeedsPassword totp recoveryCodesLeft pendingTotp { groupedSecret uri qrCode } passkeys { id name createdAt lastUsedAt } } } }`,
);
export const START_TOTP = graphql(
  `mutation StartTotp { startTotpSetup { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
);
export const CONFIRM_TOTP = graphql(
  `mutation ConfirmTotp($code: String!, $p: String) { confirmTotp(code: $code, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on ConfirmTotpSuccess { data { codes } } } }`,
);
export const REGENERATE_CODES = graphql(
  `mutation Regenerate($p: String) { regenerateRecoveryCodes(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on RegenerateRecoveryCodesSuccess { data { codes } } } }`,
);
export const BEGIN_PASSKEY = graphql(
  `mutation BeginPasskey { beginPasskeyRegistration { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on BeginPasskeyRegistrationSuccess { data } } }`,
);
export const ADD_PASSKEY = graphql(
  `mutation AddPasskey($n: String!, $r: String!, $p: String) { addPasskey(name: $n, response: $r, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AddPasskeySuccess { data { codes } } } }`,
);
export const REMOVE_TOTP = graphql(
  `mutation RemoveTotp($p: String) { removeTotp(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
);
export const REMOVE_PASSKEY = graphql(
  `mutation RemovePasskey($id: ID!, $p: String) { removePasskey(id: $id, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
);

export const POLICY_QUERY = graphql(
  `query Policy($slug: String!) { organisation(slug: $slug) { slug name requireSecondFactor viewerCanRequireSecondFactor membersWithoutSecondFactor } }`,
);
export const SET_POLICY = graphql(
  `mutation SetPolicy($o: String!, $r: Boolean!) { setSecondFactorRequirement(organisation: $o, required: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }`,
);

/** The second step's cookie: for the sign-in pages only, never sent cross-site, gone when the step expires. */
export function setSecondStepCookie(cookies: AstroCookies, url: URL, challenge: string): void {
  cookies.set(SECOND_STEP_COOKIE, challenge, {
    httpOnly: true,
    sameSite: 'strict',
    secure: url.protocol === 'https:',
    path: '/inloggen',
    maxAge: SECOND_STEP_MINUTES * 60,
  });
}

export function clearSecondStepCookie(cookies: AstroCookies, url: URL): void {
  cookies.delete(SECOND_STEP_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: url.protocol === 'https:',
    path: '/inloggen',
  });
}

/** What SecondFactorPolicy.astro shows: the organisation's requirement, and who may change it. */
export type SecondFactorPolicyView = NonNullable<PolicyQuery['organisation']>;

/** The form action SecondFactorPolicy.astro posts. */
export const POLICY_ACTION = 'tweede-factor-verplichten';

/**
 * Handles a post of SecondFactorPolicy.astro on the page that shows it: null when the post is not the component's,
 * else its errors (empty when saved) and a notice.
 */
export async function handleSecondFactorPolicy(
  context: Context,
  form: FormData,
  slug: string,
): Promise<{ errors: FieldError[]; notice: string } | null> {
  if (str(form, 'actie') !== POLICY_ACTION) return null;
  const value = str(form, 'verplicht');
  if (value !== 'ja' && value !== 'nee')
    return {
      errors: [{ field: 'verplicht', message: 'Kies of een tweede factor verplicht is voor de leden.' }],
      notice: '',
    };
  const result = answerFields(
    (await execute(context, SET_POLICY, { o: slug, r: value === 'ja' })).setSecondFactorRequirement,
  );
  if (!result.__typename.endsWith('Success'))
    return { errors: [{ field: 'formulier', message: result.message ?? 'Dit is niet opgeslagen.' }], notice: '' };
  return {
    errors: [],
    notice:
      value === 'ja'
        ? 'Een tweede factor is nu verplicht. Leden zonder tweede factor stellen er een in voordat ze verder kunnen.'
        : 'Een tweede factor is niet meer verplicht voor de leden; wie er een heeft, gebruikt die nog steeds.',
  };
}
