// The one rule for links that users, imports and content files give: a web address (http: or https:) and nothing else.
// A stored `javascript:`, `data:` or `vbscript:` address would run script in the browser of whoever follows it. The
// mutations, the imports and the content files check it on the way in (the zod schema); the pages check it again
// before they turn a stored value into a link (isWebAddress), so a value written past validation renders as text.
import { z } from 'zod';

export const WEB_ADDRESS_MESSAGE = 'Alleen webadressen die met http:// of https:// beginnen.';
const MAX_WEB_ADDRESS = 500;

/** What is wrong with a (trimmed) value as a web address, in Dutch; null for a good one. */
function webAddressProblem(value: string): string | null {
  if (!/^https?:\/\//i.test(value))
    return /^[^:/?#\s]*:/.test(value) || URL.canParse(value) ? WEB_ADDRESS_MESSAGE : 'Geen geldige URL.';
  // Browsers drop tabs, newlines and other invisible characters from an address before they read it.
  if (/[\s\p{Cc}\p{Cf}]/u.test(value)) return 'Een webadres mag geen spaties of onzichtbare tekens bevatten.';
  if (!URL.canParse(value)) return 'Geen geldige URL.';
  const url = new URL(value);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return 'Geen geldige URL.';
  return null;
}

/** True when the value is a web address as stored: http: or https:, no invisible characters, a host. */
export function isWebAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_WEB_ADDRESS && webAddressProblem(value) === null;
}

/** A web address as users and files give it: trimmed, at most 500 characters, http: or https: only. */
export const webAddress = z
  .string()
  .trim()
  .max(MAX_WEB_ADDRESS, `Maximaal ${MAX_WEB_ADDRESS} tekens.`)
  .superRefine((value, ctx) => {
    const problem = webAddressProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
