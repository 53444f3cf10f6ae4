// The built hub's server: the node adapter's standalone handler serves pages and files, except API posts to /graphql,
// which go to Yoga directly. An API call then skips what only pages need (a Web Request built from the Node request,
// the middleware, the page cache); a form post to /graphql still goes through Astro and its origin check. Every request
// runs with its client's address known (core/client-address.ts), and what goes to the site passes its body limit first.
import './no-autostart.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { handler, options } from '@astrojs/node/server.js';
import { cacheCountsLine } from '#core/cache-counts.ts';
import { trustedProxies, withClientAddress } from '#core/client-address.ts';
import { checkConfig, setting } from '#core/config.ts';
import { checkMailSettings } from '#core/mail.ts';
import { warmSearchIndex } from '#core/search-index.ts';
import { graphqlServer, hubDatabase } from '../lib/hub.ts';
import { admitBody } from './body-limit.ts';
import { securityHeaders } from './security-headers.ts';
import { applyServerLimits, serverLimits } from './server-limits.ts';

// Half-configured mail settings stop the server as it starts, with everything that is missing or wrong in them at once
// (core/mail.ts); then a wrong value of any other variable, naming the variable and what it allows (core/config.ts).
const sendsMail = checkMailSettings();
checkConfig();

const isGraphQLPost = (req: IncomingMessage) => req.method === 'POST' && /^\/graphql\/?(\?|$)/.test(req.url ?? '');
const contentType = (req: IncomingMessage) => req.headers['content-type'] ?? '';

// Every response carries the security headers (site/server/security-headers.ts), whichever path answers it.
const setSecurityHeaders = securityHeaders();

/**
 * API posts: JSON, and multipart uploads (importUsages and the other imports) from API clients that authenticate with
 * a Bearer token and send no cookie. A browser cannot send such a request cross-site without CORS allowing it, and
 * without a cookie there is no session to forge a request with, so Astro's origin check (which refuses every
 * multipart post without a matching Origin header, as API clients send none) has nothing to protect there. A
 * multipart post with a cookie still goes through the site and its origin check.
 */
function isApiPost(req: IncomingMessage): boolean {
  if (!isGraphQLPost(req)) return false;
  if (/^application\/json\b/.test(contentType(req))) return true;
  return (
    /^multipart\/form-data\b/.test(contentType(req)) &&
    /^Bearer\s+\S/i.test(req.headers.authorization ?? '') &&
    !req.headers.cookie
  );
}

function serve(req: IncomingMessage, res: ServerResponse): void {
  // A Web Request cannot carry TRACE: the adapter would throw on it (a 500 and a logged stack for anyone asking).
  // Node's parser answers TRACK with 400 itself, and CONNECT never reaches this handler.
  if (req.method === 'TRACE') {
    res.writeHead(405, { allow: 'GET, HEAD, POST, OPTIONS' }).end();
    return;
  }
  if (!isApiPost(req)) {
    admitBody(req, res)
      .then((admitted) => {
        if (admitted) handler(req, res);
      })
      .catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
        else res.destroy();
      });
    return;
  }
  // Answers may hold personal data: as on the site's pages, no shared cache keeps them.
  res.setHeader('cache-control', 'private, no-store');
  graphqlServer()
    .then((yoga) => yoga.requestListener(req, res))
    .catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
      else res.destroy();
    });
}

// The node adapter keeps the process running on an unhandled rejection but logs only those of a page render: every one
// is logged here.
process.on('unhandledRejection', (reason) => console.error('Onafgehandelde afwijzing:', reason));

// `kill -USR2 <pid>` prints how kept answers and pages came about, and the memory (core/cache-counts.ts).
process.on('SIGUSR2', () => console.log(cacheCountsLine()));

const proxies = trustedProxies();
// Slow or idle connections are closed, and their number bounded (site/server/server-limits.ts).
const limits = serverLimits();
const server = createServer({ connectionsCheckingInterval: limits.checkInterval }, (req, res) => {
  setSecurityHeaders(req, res);
  // Pages and the API take the client address recorded here, never Astro's, which believes X-Forwarded-For.
  withClientAddress(req, proxies, () => serve(req, res));
});
applyServerLimits(server, limits);

const port = setting('PORT') ?? options.port;
const host =
  setting('HOST') ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
server.listen(port, host, () => {
  console.log(
    `Grondplan luistert op http://${host}:${port}${sendsMail ? '' : ' (zonder e-mail: GRONDPLAN_SMTP_HOST is niet ingesteld)'}`,
  );
  // The search index is built while the first requests are answered (a few tenths of a second at national scale); a
  // search that comes before it is ready waits for it.
  hubDatabase().then(warmSearchIndex, () => {});
});

export { handler, options };
