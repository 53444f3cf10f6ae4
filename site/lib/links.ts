// Stored addresses become links only when they are web addresses: the pages check the scheme again, so a value that
// reached the database past validation (an old row, a direct write) is shown as text and never followed.
import { isWebAddress } from '#prisma/web-address.ts';

/** The href for a stored address when it is a web address (http:, https:); null when the page must show it as text. */
export function webHref(value: string | null | undefined): string | null {
  return isWebAddress(value) ? value : null;
}
