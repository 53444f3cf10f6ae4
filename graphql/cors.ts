// Cross-origin requests to the API: off unless GRONDPLAN_CORS_ORIGINS names origins. Yoga's default would answer
// every Origin with itself and Access-Control-Allow-Credentials: a page on any other site could then read a signed-in
// user's data with the user's cookie. Here only the named origins get CORS headers (with credentials); any other
// Origin gets none, so the browser keeps the answer from that page. Preflights (OPTIONS) are answered 204 either way.
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { setting } from '#core/config.ts';

/** The origins named in GRONDPLAN_CORS_ORIGINS (comma-separated, such as https://partner.example.nl); refuses anything else. */
export const corsOrigins = (value?: string): string[] =>
  value === undefined
    ? setting('GRONDPLAN_CORS_ORIGINS')
    : setting('GRONDPLAN_CORS_ORIGINS', { GRONDPLAN_CORS_ORIGINS: value });

/** Yoga's `cors` option: CORS headers for a named origin only, never a reflection of another. */
export function corsPolicy(origins: readonly string[] = corsOrigins()): (request: Request) => CORSOptions {
  const named = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !named.has(origin)) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      maxAge: 600,
    };
  };
}

/** With origins named, answers differ by Origin: caches are told so (Yoga names Vary only for some of its own cases). */
export function useVaryOnOrigin(origins: readonly string[]): Plugin {
  return {
    onResponse({ response }) {
      if (origins.length > 0 && !/\borigin\b/i.test(response.headers.get('vary') ?? ''))
        response.headers.append('vary', 'Origin');
    },
  };
}
