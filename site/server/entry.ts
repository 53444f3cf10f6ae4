// The built hub's server: the node adapter's standalone handler serves pages and files, except JSON posts to /graphql,
// which go to Yoga directly. An API call then skips what only pages need (a Web Request built from the Node request,
// the middleware, the page cache); a form post to /graphql still goes through Astro and its origin check.
import './no-autostart.ts';
import { createServer, type IncomingMessage } from 'node:http';
import { handler, options } from '@astrojs/node/server.js';
import { recordSocketAddress } from '../../graphql/client-address.ts';
import { graphqlServer } from '../lib/hub.ts';
import { securityHeaders } from './security-headers.ts';

const isGraphQLPost = (req: IncomingMessage) =>
  req.method === 'POST' && /^\/graphql\/?(\?|$)/.test(req.url ?? '') && /^application\/json\b/.test(req.headers['content-type'] ?? '');

// Every response carries the security headers (site/server/security-headers.ts), whichever path answers it.
const setSecurityHeaders = securityHeaders();

const server = createServer((req, res) => {
  setSecurityHeaders(req, res);
  // Pages take the client address from the socket, never from X-Forwarded-For (graphql/client-address.ts).
  if (!isGraphQLPost(req)) return void recordSocketAddress(req, () => handler(req, res));
  // Answers may hold personal data: as on the site's pages, no shared cache keeps them.
  res.setHeader('cache-control', 'private, no-store');
  graphqlServer()
    .then((yoga) => yoga.requestListener(req, res))
    .catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
      else res.destroy();
    });
});

const port = Number(process.env.PORT ?? options.port);
const host = process.env.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
server.listen(port, host, () => console.log(`Grondplan luistert op http://${host}:${port}`));

export { handler, options };
