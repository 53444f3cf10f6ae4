// The Node server's own limits (site/server/server-limits.ts, applied by site/server/entry.ts): a client that sends its
// headers or body slowly is cut off, the number of open connections is bounded, and anonymous clients keep to the
// form limit on upload routes (site/server/body-limit.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIO2_MAX_BYTES } from '#core/exchange/bio2-read.ts';
import { VVT_MAX_BYTES } from '#core/exchange/vvt-file.ts';
import { isExpensivePage } from '#site/lib/request-guards.ts';
import {
  admitBody,
  bodyLimitFor,
  carriesCredentials,
  MAX_EVIDENCE_FORM_BYTES,
  MAX_FORM_BYTES,
  MAX_SMALL_IMPORT_FORM_BYTES,
  MAX_UPLOAD_BYTES,
  tooLargeMessage,
} from '#site/server/body-limit.ts';
import { applyServerLimits, DEFAULT_MAX_CONNECTIONS, serverLimits } from '#site/server/server-limits.ts';

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A server with the hub's limits, scaled down to milliseconds so the test can wait for them. */
async function limitedServer(limits: Partial<ReturnType<typeof serverLimits>>): Promise<number> {
  const all = { ...serverLimits({}), ...limits };
  server = createServer({ connectionsCheckingInterval: all.checkInterval }, (req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  applyServerLimits(server, all);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** Opens a connection, writes `text`, and tells what came back and whether the server closed it. */
function slowClient(port: number, text: string): Promise<{ answer: string; closed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    sockets.push(socket);
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve({ answer, closed: true, ms: performance.now() - started }));
    setTimeout(() => resolve({ answer, closed: false, ms: performance.now() - started }), 3_000);
  });
}

describe('the server limits', () => {
  it('uses 10 s for headers, 60 s for a whole request, and GRONDPLAN_MAX_CONNECTIONS (default 1,000) connections', () => {
    expect(serverLimits({})).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 60_000,
      maxConnections: DEFAULT_MAX_CONNECTIONS,
      checkInterval: 2_000,
    });
    expect(DEFAULT_MAX_CONNECTIONS).toBe(1_000);
    expect(serverLimits({ GRONDPLAN_MAX_CONNECTIONS: '50' }).maxConnections).toBe(50);
    expect(serverLimits({ GRONDPLAN_MAX_CONNECTIONS: 'veel' }).maxConnections).toBe(DEFAULT_MAX_CONNECTIONS);
    const node = applyServerLimits(createServer());
    expect([node.headersTimeout, node.requestTimeout, node.maxConnections]).toEqual([
      10_000,
      60_000,
      DEFAULT_MAX_CONNECTIONS,
    ]);
  });

  it('cuts off a client that never finishes its headers, or its body', async () => {
    const port = await limitedServer({ headersTimeout: 300, requestTimeout: 600, checkInterval: 100 });
    const headers = await slowClient(port, 'POST / HTTP/1.1\r\nHost: hub\r\nX-Langzaam: ');
    expect(headers.closed).toBe(true);
    expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(headers.ms).toBeLessThan(2_000);
    const body = await slowClient(port, 'POST / HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000\r\n\r\nalleen het begin');
    expect(body.closed).toBe(true);
    expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection over the maximum at once, while the others stay open', async () => {
    const port = await limitedServer({ maxConnections: 2 });
    const open = [
      slowClient(port, 'GET / HTTP/1.1\r\nHost: hub\r\n'),
      slowClient(port, 'GET / HTTP/1.1\r\nHost: hub\r\n'),
    ];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await slowClient(port, 'GET / HTTP/1.1\r\nHost: hub\r\n\r\n');
    expect(third.closed).toBe(true);
    expect(third.answer).toBe('');
    expect(third.ms).toBeLessThan(1_000);
    for (const client of await Promise.all(open)) expect(client.closed).toBe(false);
  });
});

describe('upload-sized bodies', () => {
  it('are taken only from requests with a session cookie or a Bearer token; others keep to the form limit', () => {
    expect(carriesCredentials({})).toBe(false);
    expect(carriesCredentials({ cookie: 'thema=donker' })).toBe(false);
    expect(carriesCredentials({ cookie: 'thema=donker; gp_session=abc' })).toBe(true);
    expect(carriesCredentials({ authorization: 'Bearer gp_123' })).toBe(true);
    expect(carriesCredentials({ authorization: 'Basic eDp5' })).toBe(false);
    expect(bodyLimitFor('/organisaties/emmen/importeren', true)).toBe(MAX_UPLOAD_BYTES);
    expect(bodyLimitFor('/organisaties/emmen/importeren', false)).toBe(MAX_FORM_BYTES);
    expect(bodyLimitFor('/graphql', false)).toBe(MAX_FORM_BYTES);
    expect(bodyLimitFor('/inloggen', true)).toBe(MAX_FORM_BYTES);
  });
});

/** What a server admitting bodies as the hub does answers a POST declaring `length` bytes to `path`. */
async function declared(route: string, length: number, cookie = 'gp_session=abc') {
  server = createServer(async (req, res) => {
    if (await admitBody(req, res)) res.end('admitted');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.write(`POST ${route} HTTP/1.1\r\nHost: hub\r\nCookie: ${cookie}\r\nContent-Length: ${length}\r\n\r\n`);
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk.toString();
    // The admitted request waits for its body; the answer to a refused one is complete at once.
    if (answer.includes('\r\n\r\n') && !answer.startsWith('HTTP/1.1 413')) socket.end();
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return answer;
}

describe('evidence uploads', () => {
  it('takes a 20 MB file and its fields on the evidence forms only, for requests with credentials', async () => {
    expect(bodyLimitFor('/organisaties/emmen/bewijs', true)).toBe(MAX_EVIDENCE_FORM_BYTES);
    expect(bodyLimitFor('/organisaties/emmen/bewijs/ckabc123', true)).toBe(MAX_EVIDENCE_FORM_BYTES);
    expect(bodyLimitFor('/organisaties/emmen/bewijs', false)).toBe(MAX_FORM_BYTES);
    expect(bodyLimitFor('/organisaties/emmen/vvt', true)).toBe(MAX_FORM_BYTES);
    expect(MAX_EVIDENCE_FORM_BYTES).toBe(20_100_000);
  });

  it('refuses a larger body at once with 413 and a Dutch message, before reading it', async () => {
    const refused = await declared('/organisaties/emmen/bewijs', MAX_EVIDENCE_FORM_BYTES + 1);
    expect(refused).toMatch(/^HTTP\/1\.1 413/);
    expect(refused).toContain('Dit verzoek is te groot: een bewijsstuk mag ten hoogste 20 MB zijn.');
  });

  it('admits a 20 MB upload there', async () => {
    expect(await declared('/organisaties/emmen/bewijs', 20_050_000)).not.toMatch(/^HTTP\/1\.1 413/);
  });

  it('refuses the same upload on another form', async () => {
    expect(await declared('/organisaties/emmen/vvt', 20_050_000)).toMatch(/^HTTP\/1\.1 413/);
  });
});

describe('pages with an upload form', () => {
  const pagesDir = path.join(import.meta.dirname, '..', '..', 'site', 'pages');
  /** Every page whose form takes a file (its own file input, or the evidence form), with its parameters filled in. */
  const uploadPages = readdirSync(pagesDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.astro'))
    .filter((file) => /type="file"|<EvidenceForm\b/.test(readFileSync(path.join(pagesDir, file), 'utf8')))
    .map(
      (file) =>
        `/${file
          .replace(/\\/g, '/')
          .replace(/(\/index)?\.astro$/, '')
          .replace(/\[[^\]]+\]/g, 'emmen')}`,
    )
    .sort();

  it('are found: the imports, the VvT and BIO2 imports and the evidence forms', () => {
    expect(uploadPages).toEqual(
      expect.arrayContaining(['/bio2/inlezen', '/organisaties/emmen/importeren', '/organisaties/emmen/vvt/inlezen']),
    );
    expect(uploadPages).toContain('/organisaties/emmen/bewijs/emmen');
  });

  it('count a post against the budget for expensive operations, and a page view not', () => {
    expect(uploadPages.filter((page) => !isExpensivePage('POST', page))).toEqual([]);
    expect(uploadPages.filter((page) => isExpensivePage('GET', page))).toEqual([]);
    expect(isExpensivePage('POST', '/organisaties/emmen/vvt')).toBe(false);
  });

  it('take more than a form from a request with credentials, and only a form from one without', () => {
    expect(uploadPages.filter((page) => bodyLimitFor(page, true) <= MAX_FORM_BYTES)).toEqual([]);
    expect(uploadPages.filter((page) => bodyLimitFor(page, false) !== MAX_FORM_BYTES)).toEqual([]);
  });
});

describe('the VvT and BIO2 imports', () => {
  const pages = ['/organisaties/emmen/vvt/inlezen', '/bio2/inlezen'];

  it('take their 2 MB file and its fields from a request with credentials', () => {
    expect(MAX_SMALL_IMPORT_FORM_BYTES).toBe(2_100_000);
    expect(MAX_SMALL_IMPORT_FORM_BYTES).toBeGreaterThanOrEqual(Math.max(VVT_MAX_BYTES, BIO2_MAX_BYTES) + 50_000);
    for (const page of pages) expect(bodyLimitFor(page, true)).toBe(MAX_SMALL_IMPORT_FORM_BYTES);
  });

  it.each(pages)('admits a 2 MB file and its fields on %s', async (page) => {
    expect(await declared(page, 2_050_000)).not.toMatch(/^HTTP\/1\.1 413/);
  });

  it.each(pages)('refuses more on %s at once, naming the 2 MB', async (page) => {
    const refused = await declared(page, MAX_SMALL_IMPORT_FORM_BYTES + 1);
    expect(refused).toMatch(/^HTTP\/1\.1 413/);
    expect(refused).toContain('Dit verzoek is te groot: het bestand mag ten hoogste 2 MB zijn.');
  });

  it('tell an anonymous client the file it may send once signed in', async () => {
    const refused = await declared('/bio2/inlezen', 1_500_000, 'thema=donker');
    expect(refused).toMatch(/^HTTP\/1\.1 413/);
    expect(refused).toContain('Log in (of stuur een API-token mee) om een bestand tot 2 MB te versturen.');
    expect(tooLargeMessage(MAX_FORM_BYTES, true)).toContain('een bestand tot 25 MB');
  });
});
