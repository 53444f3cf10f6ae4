// The security headers of every response of the built hub. helmet sets them on Node's response before the site or the
// API writes it (site/server/entry.ts), so pages, /graphql (GET and POST, both paths), files, downloads and errors all
// carry them. A response may bring its own Content-Security-Policy, which then replaces the default here:
//
// - pages: Astro's own CSP (`security.csp` in astro.config.mjs) with PAGE_DIRECTIVES. Astro hashes the scripts and
//   styles it emits itself at build time (the inlined module scripts of the search and error-summary components), so
//   `script-src` is `'self'` plus those hashes, never `'unsafe-inline'`; a page's own generated `<style>` adds its
//   hash at render time (Astro.csp). Hashes (not nonces) keep a cached page valid as it is.
// - GraphiQL (/graphql in a browser): graphiqlPolicy, the hashes of the page graphql-yoga renders from fixed options.
// - everything else (API answers, downloads, files, errors): DEFAULT_POLICY, which allows nothing and sandboxes the
//   document, so a downloaded or sniffed file can never run script in the hub's origin.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { publicUrl } from '#core/config.ts';
import { corsOrigins } from '#graphql/cors.ts';

/** Where pages may load from; Astro adds `script-src` and `style-src` with its hashes (astro.config.mjs). */
export const PAGE_DIRECTIVES = [
  "default-src 'none'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
] as const;

/** Anything that is not a page: nothing may load or run, and the document is sandboxed (downloads included). */
export const DEFAULT_POLICY =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/** Browser features the hub never uses, switched off for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  // Passkeys (WebAuthn) are a second factor on the hub's own pages: allowed for this origin only, not for anything it embeds.
  .concat(['publickey-credentials-create=(self)', 'publickey-credentials-get=(self)'])
  .join(', ');

/** HSTS only when browsers reach the hub over https (GRONDPLAN_PUBLIC_URL): over plain http it would mean nothing. */
export function servesHttps(address: string | undefined = publicUrl()?.href): boolean {
  return Boolean(address && URL.canParse(address) && new URL(address).protocol === 'https:');
}

/** Sets the headers on a Node response before it is written: helmet's (all synchronous), plus Permissions-Policy, which helmet leaves out. */
export function securityHeaders(address: string | undefined = publicUrl()?.href) {
  // A mistyped GRONDPLAN_CORS_ORIGINS stops the server as it starts, not at its first API call.
  corsOrigins();
  const withHelmet = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
        sandbox: [],
      },
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'same-origin' },
    // A year, for this host only: the partners' other hosts are theirs to decide.
    strictTransportSecurity: servesHttps(address) ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xContentTypeOptions: true,
    xFrameOptions: { action: 'deny' },
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('permissions-policy', PERMISSIONS_POLICY);
    withHelmet(req, res, (error?: unknown) => {
      if (error) throw error;
    });
  };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The hashes of an HTML document's inline `<script>` elements, as CSP sources. */
export function inlineScriptHashes(html: string): string[] {
  return [...new Set([...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1] ?? '')))];
}

/**
 * The policy of the GraphiQL page, given the page as graphql-yoga's renderer makes it from the hub's fixed options
 * (never from a request): its one inline script by hash; its editor's workers come from blob: URLs it makes itself.
 * The editor (Monaco) sets inline styles at run time, dozens per keystroke, so styles (never scripts) may be inline
 * on this page only; a style cannot run script.
 */
export function graphiqlPolicy(renderedPage: string): string {
  const scripts = inlineScriptHashes(renderedPage);
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    // (A hash here would switch 'unsafe-inline' off: browsers ignore it next to hashes.)
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
