// Helpers for server-side forms: reading posted values, a safe return path, the session cookie.
import type { AstroCookies } from 'astro';
import { SESSION_COOKIE } from '#graphql/yoga.ts';

export interface FieldError {
  field: string;
  message: string;
}

// Whitespace and control characters: browsers drop tabs and newlines from a URL, so "/\t/evil.example" is "//evil.example".
const unsafeCharacter = /[\s\p{Cc}\p{Cf}]/u;
// A "." or ".." segment: normalising it away can turn "/.//evil.example" into "//evil.example", so none is accepted.
const dotSegment = /(^|\/)\.{1,2}(\/|$)/;

/**
 * Only paths on this site: a "terug" must never send the user to another site. It starts with one "/" (not "//" or
 * "/\"), holds no whitespace or control character, and its path part none either after decoding (nor a backslash),
 * nor a "." or ".." segment, and parsed against the site's own origin it stays there; the path returned is checked
 * again. Anything else is "/".
 */
export function safeReturnPath(
  value: FormDataEntryValue | string | null | undefined,
  origin = 'http://grondplan.invalid',
): string {
  const path = typeof value === 'string' ? value : '';
  if (
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.startsWith('/\\') ||
    path.length > 2000 ||
    unsafeCharacter.test(path)
  )
    return '/';
  const pathPart = path.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return '/';
  }
  if (unsafeCharacter.test(decoded) || decoded.includes('\\') || decoded.startsWith('//') || dotSegment.test(decoded))
    return '/';
  let url: URL;
  try {
    url = new URL(path, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  const result = `${url.pathname}${url.search}${url.hash}`;
  // What is returned is checked again: normalising must not have turned it into "//host" or "/\\host".
  if (!result.startsWith('/') || result.startsWith('//') || result.startsWith('/\\') || unsafeCharacter.test(result))
    return '/';
  return result;
}

export function setSessionCookie(cookies: AstroCookies, url: URL, token: string, expires: Date): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    path: '/',
    expires,
  });
}

export function clearSessionCookie(cookies: AstroCookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', path: '/' });
}

export const str = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** Empty fields become null (cleared); numbers and dates are passed as typed, so the API validates them. */
export const optional = (form: FormData, name: string) => {
  const value = str(form, name).trim();
  return value === '' ? null : value;
};

export const optionalInt = (form: FormData, name: string) => {
  const value = optional(form, name);
  if (value === null) return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : value;
};

/** The largest whole number GraphQL's Int holds: a revision above it cannot even reach the API. */
const MAX_INT = 2 ** 31 - 1;

/**
 * The revision a form posts back in its hidden field, read before any mutation: a whole number from 1 up to what
 * GraphQL's Int holds; null when the field is empty or missing (a line not written before, where the form allows it);
 * undefined for anything else ("abc", "-1", "1.5", "99999999999999999999"), which only a tampered or broken form
 * sends. Passed on unchecked such a value fails the API's variable coercion, a request error, not a form's answer.
 */
export function postedRevision(form: FormData, name = 'revision'): number | null | undefined {
  const value = str(form, name).trim();
  if (value === '') return null;
  if (!/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_INT ? n : undefined;
}

/** The form's answer to a revision postedRevision cannot read: nothing was changed, the page shows what is stored. */
export const REVISION_ERROR: FieldError = {
  field: 'formulier',
  message:
    'Het formulier kwam niet goed aan: de revisie die het meestuurt ontbreekt of klopt niet. Er is niets gewijzigd. ' +
    'Laad de pagina opnieuw en probeer het nog eens.',
};

/** A form's helpers for one field's error: its message, aria-invalid, and aria-describedby (a hint, the error). */
export function fieldHelpers(errors: readonly FieldError[]) {
  const errorOf = (field: string) =>
    errors
      .filter((e) => e.field === field)
      .map((e) => e.message)
      .join(' ');
  const invalid = (field: string) => (errorOf(field) ? 'true' : undefined);
  const describedBy = (field: string, hint = false) =>
    [hint ? `hint-${field}` : '', errorOf(field) ? `fout-${field}` : ''].filter(Boolean).join(' ') || undefined;
  return { errorOf, invalid, describedBy };
}

/** Maps the API's field paths (["input", "availability"]) to form field names. */
export function fieldErrors(problems: { path: string[]; message: string }[]): FieldError[] {
  return problems.map((p) => ({
    field: p.path.filter((s) => s !== 'input' && !/^\d+$/.test(s)).join('.') || 'formulier',
    message: p.message,
  }));
}

export interface MutationOutcome {
  ok: boolean;
  errors: FieldError[];
  conflict?: string;
}

/** Reads a mutation's union answer: success, field errors, a conflict or a refusal. */
export function outcome(result: {
  __typename: string;
  message?: string;
  problems?: { path: string[]; message: string }[];
}): MutationOutcome {
  if (result.__typename.endsWith('Success')) return { ok: true, errors: [] };
  if (result.__typename === 'ValidationError') return { ok: false, errors: fieldErrors(result.problems ?? []) };
  if (result.__typename === 'ConflictError') return { ok: false, errors: [], conflict: result.message ?? '' };
  return { ok: false, errors: [{ field: 'formulier', message: result.message ?? 'Dit is niet gelukt.' }] };
}

/** Whether an upload form (ImportModeFields) asks to apply the import rather than a dry run. */
export const appliesImport = (form: FormData) => form.get('wijze') === 'inlezen';

/** The field a confirmation step (ConfirmStep.astro) adds to a guarded delete or apply. */
export const CONFIRM_FIELD = 'bevestigd';
export const CONFIRM_VALUE = 'ja';

/**
 * Whether a guarded delete or apply was confirmed on its confirmation step. Without it the page shows that step and
 * changes nothing, so a form from before the guard, or a crafted post, cannot skip it.
 */
export const confirmed = (form: FormData) => form.get(CONFIRM_FIELD) === CONFIRM_VALUE;

/** A guarded action waiting for confirmation: what ConfirmStep.astro shows. */
export interface PendingConfirmation {
  /** The question, e.g. "Koppeling naar Open Zaak verwijderen?" */
  title: string;
  /** What will happen, in one or two sentences. */
  lead: string;
  /** Further consequences, one per item ("3 koppelingen worden ook verwijderd"). */
  consequences?: string[];
  /** The fields of the original form, posted again with the confirmation. */
  fields: Record<string, string | number>;
  /** The submit's text, e.g. "Ja, verwijderen". */
  confirmLabel: string;
  /** Where "Annuleren" leads: the page the action came from. */
  cancelHref: string;
  /** False when the action cannot go through: the page says why (slot) and offers only "Terug". */
  canConfirm?: boolean;
}

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ValueIn<T, K extends PropertyKey> = T extends { [P in K]: infer V } ? V : never;
/** A mutation's answer (a union of its success and error types) with every member's fields, optional, on one object. */
export type AnswerFields<T extends { __typename: string }> = { __typename: T['__typename'] } & {
  [K in Exclude<KeysOfUnion<T>, '__typename'>]?: ValueIn<T, K>;
};

/** Reads a typed mutation answer the way the forms do: `answer.message`, `answer.problems`, `answer.data`, whatever it is. */
export const answerFields = <T extends { __typename: string }>(answer: T): AnswerFields<T> =>
  answer as unknown as AnswerFields<T>;
