// @ts-check
import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { publicUrl, setting } from './core/config.ts';
import { PAGE_DIRECTIVES } from './site/server/security-headers.ts';

/**
 * The node adapter with the hub's own server entry (site/server/entry.ts), which answers JSON posts to /graphql
 * without Astro's page pipeline and hands everything else to the adapter's standalone handler.
 */
function hubAdapter() {
  // staticHeaders: the prerendered pages get their Content-Security-Policy as a header too (not a <meta> tag).
  const adapter = node({ mode: 'standalone', staticHeaders: true });
  const serverEntrypoint = fileURLToPath(new URL('./site/server/entry.ts', import.meta.url));
  /** @type {NonNullable<import('astro').AstroIntegration['hooks']['astro:config:done']>} */
  const configDone = (params) =>
    adapter.hooks['astro:config:done']?.({
      ...params,
      setAdapter: (a) => params.setAdapter({ ...a, serverEntrypoint }),
    });
  return { ...adapter, hooks: { ...adapter.hooks, 'astro:config:done': configDone } };
}

/**
 * Behind a reverse proxy that terminates TLS, GRONDPLAN_PUBLIC_URL (read when the hub is built, as `npm start` does)
 * names the address browsers use: Astro then trusts the proxy's X-Forwarded-Host and -Proto for that host only, so the
 * origin check and the session cookie's Secure flag see the address the browser sees.
 */
function allowedDomains() {
  // core/config.ts refuses a value that is no web address, naming it.
  const url = publicUrl();
  if (!url) return [];
  return [{ hostname: url.hostname, protocol: url.protocol.replace(':', ''), ...(url.port ? { port: url.port } : {}) }];
}

export default defineConfig({
  srcDir: './site',
  output: 'server',
  adapter: hubAdapter(),
  server: { port: setting('PORT') ?? 4321, host: setting('HOST') ?? 'localhost' },
  // Forms post same-origin only; Astro refuses cross-site form posts (CSRF) with this on.
  // csp: every page's Content-Security-Policy, with hashes of the scripts and styles Astro emits (no 'unsafe-inline');
  // the headers of every other response are site/server/security-headers.ts's.
  security: { checkOrigin: true, allowedDomains: allowedDomains(), csp: { directives: [...PAGE_DIRECTIVES] } },
  // Sign-in sessions live in the database (core/auth.ts), shared by every instance; Astro's own session store would
  // default to files on one machine's disk, so it is switched off.
  session: false,
  devToolbar: { enabled: false },
  // Shiki colours code with style attributes, which the pages' Content-Security-Policy does not allow; no page has code.
  markdown: { syntaxHighlight: false },
  vite: {
    // Native and generated database code stays outside the bundle and is loaded from node_modules at run time.
    ssr: {
      external: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', '@prisma/client'],
    },
  },
});
