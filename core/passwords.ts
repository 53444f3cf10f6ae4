// Password rules, in one place for the API, the invitation link and the command line: at least 12 characters and
// hard enough to guess by zxcvbn-ts (common and leaked passwords, Dutch and English words and names, keyboard
// patterns, and the user's own e-mail address and name), with the library's Dutch feedback.
// The dictionaries (several megabytes of words) are loaded when a password is first checked, not with the server: most
// server processes never check one.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 500;
/** zxcvbn's score from 0 to 4: 3 is "safely unguessable" for an online attack with throttling. */
const MIN_PASSWORD_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | undefined;
const zxcvbn = () => {
  factory ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    import('@zxcvbn-ts/language-nl-be'),
  ]).then(
    ([core, common, en, nl]) =>
      new core.ZxcvbnFactory({
        translations: nl.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary, ...nl.dictionary },
        useLevenshteinDistance: true,
      }),
  );
  return factory;
};

/** Parts of the user's own address and name, which a password must not lean on. */
function userInputs(email: string, name?: string | null): string[] {
  const parts = [email, ...email.split(/[@.\-_+]/), ...(name ? [name, ...name.split(/\s+/)] : [])];
  return [...new Set(parts.map((p) => p.trim().toLowerCase()).filter((p) => p.length >= 3))];
}

/** Null when the password is good enough; otherwise a Dutch message that says what is wrong and what to do. */
export async function passwordProblem(
  password: string,
  user: { email: string; name?: string | null },
): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Het wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben. Kies bijvoorbeeld een zin van vier of meer woorden.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Het wachtwoord mag ten hoogste ${MAX_PASSWORD_LENGTH} tekens hebben.`;
  const result = (await zxcvbn()).check(password, userInputs(user.email, user.name));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  return [
    'Dit wachtwoord is te makkelijk te raden.',
    ...advice,
    'Kies een langer wachtwoord, bijvoorbeeld een zin van vier of meer ongewone woorden.',
  ].join(' ');
}
