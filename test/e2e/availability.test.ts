// The built hub stays up: the small anonymous requests that ran it out of memory are answered 400 within 100 ms while
// its RSS stays under 400 MB; bodies over their route's limit are refused before they are read; unreadable forms get
// 400; rate limits answer 429 over HTTP; API clients upload with a Bearer token and no Origin; GraphiQL and
// introspection are for signed-in users; and `npm start` brings a killed server back within seconds.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '#core/auth.ts';
import { INTROSPECTION_NEEDS_SIGN_IN } from '#graphql/introspection.ts';
import { MAX_JSON_BYTES } from '#graphql/yoga.ts';
import { projectRoot } from '#prisma/database.ts';
import { type BuiltServer, startBuiltServer } from '#scripts/built-server.ts';
import { MALFORMED_FORM } from '#site/lib/request-guards.ts';
import { MAX_FORM_BYTES, MAX_UPLOAD_BYTES, tooLargeMessage } from '#site/server/body-limit.ts';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser, type TestUser } from '../helpers/users.ts';
import { ATTACKS } from '../security/attacks.ts';

let database: TestDatabase;
let hub: BuiltServer;
let editor: TestUser;
let session = '';

beforeAll(async () => {
  database = await createTestDatabase();
  editor = await createUser(database.db, 'redacteur@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }], {
    password: 'een lang en geheim wachtwoord',
  });
  session = (await signIn(database.db, editor.email, 'een lang en geheim wachtwoord')).token;
  hub = await startBuiltServer(database.url);
});
afterAll(async () => {
  await hub?.stop();
  await database?.drop();
});

/** The server process's resident memory now, in MB. */
const rssMb = (child: ChildProcess) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function timed(url: string, init: RequestInit = {}) {
  const started = performance.now();
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started, headers: response.headers };
}

/** A raw request whose declared length or chunks are ours to choose; resolves with the answer's status and text. */
function rawPost(
  url: string,
  headers: Record<string, string | number>,
  write: (send: (chunk: Buffer) => boolean) => void,
  end = true,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    // The server may close the connection while the rest of the body is still on its way: that is the point.
    req.on('error', () => {});
    write((chunk) => req.write(chunk));
    if (end) req.end();
  });
}

describe('the attacks, on the built server', () => {
  const refusal = (body: string) => (Buffer.byteLength(body) > MAX_JSON_BYTES ? 413 : 400);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

  for (const [name, query] of Object.entries(ATTACKS)) {
    it(`answers ${name} with 400 within 100 ms, over POST and (where the address fits) GET`, async () => {
      const body = JSON.stringify({ query });
      const url = `${hub.baseUrl}/graphql?query=${encodeURIComponent(query)}`;
      const post: number[] = [];
      const get: number[] = [];
      // Six rounds; the first may pay for loading code, the median of the others counts (the machine is shared).
      for (let round = 0; round < 6; round++) {
        const posted = await timed(`${hub.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
        });
        // A body over the JSON limit (1 MB; the 200,000 aliases) is refused on its declared length, before it is read.
        expect(posted.status).toBe(refusal(body));
        expect(JSON.parse(posted.text).errors[0].message).toMatch(
          /^(Deze opvraging (is te|gebruikt te veel)|Een verzoek zonder bestanden mag ten hoogste)/,
        );
        if (round > 0) post.push(posted.ms);
        if (url.length <= 16_000) {
          const got = await timed(url, { headers: { accept: 'application/json' } });
          expect(got.status).toBe(400);
          expect(JSON.parse(got.text).errors[0].message).toMatch(/^Deze opvraging (is te|gebruikt te veel)/);
          if (round > 0) get.push(got.ms);
        } else if (round === 0) {
          // Node refuses an address longer than its 16 KB header limit before the hub sees it: 431, or the connection
          // closed while the client was still sending it.
          const got = await timed(url).catch(() => ({ status: 0 }));
          expect([0, 431]).toContain(got.status);
        }
      }
      expect(median(post)).toBeLessThan(100);
      if (get.length > 0) expect(median(get)).toBeLessThan(100);
      expect((await fetch(`${hub.baseUrl}/inloggen`)).status).toBe(200);
      expect(rssMb(hub.child)).toBeLessThan(400);
    });
  }

  it('stays up and under 400 MB with sixteen of them at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        fetch(`${hub.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: Object.values(ATTACKS)[i % Object.keys(ATTACKS).length] }),
        }).then((r) => r.status),
      ),
    );
    const expected = Array.from({ length: 16 }, (_, i) =>
      refusal(JSON.stringify({ query: Object.values(ATTACKS)[i % Object.keys(ATTACKS).length] })),
    );
    expect(expected).toContain(400);
    expect(answers).toEqual(expected);
    expect(rssMb(hub.child)).toBeLessThan(400);
    expect(hub.child.exitCode).toBeNull();
  });
});

describe('body limits', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('refuses a form post over its limit on the declared length, before reading it, even three of 150 MB at once', async () => {
    const before = rssMb(hub.child);
    const answers = await Promise.all(
      [0, 1, 2].map(() =>
        rawPost(
          `${hub.baseUrl}/inloggen`,
          { ...form, origin: hub.baseUrl, 'content-length': 150_000_000 },
          (send) => send(Buffer.alloc(64_000, 'a')),
          false,
        ),
      ),
    );
    for (const answer of answers) expect(answer).toEqual({ status: 413, text: tooLargeMessage(MAX_FORM_BYTES) });
    expect(tooLargeMessage(MAX_FORM_BYTES)).toBe(
      'Dit formulier is te groot: een formulier mag ten hoogste 1 MB zijn. Verstuur minder tekst.',
    );
    expect(rssMb(hub.child) - before).toBeLessThan(50);
    expect((await fetch(`${hub.baseUrl}/inloggen`)).status).toBe(200);
  });

  it('counts a body sent in chunks as it streams and refuses it once it passes the limit', async () => {
    const answer = await rawPost(
      `${hub.baseUrl}/inloggen`,
      { ...form, origin: hub.baseUrl, 'transfer-encoding': 'chunked' },
      (send) => {
        for (let i = 0; i < 40; i++) send(Buffer.alloc(64_000, 'b'));
      },
    );
    expect(answer).toEqual({ status: 413, text: tooLargeMessage(MAX_FORM_BYTES) });
    // A small chunked form still reaches the page.
    const small = await rawPost(
      `${hub.baseUrl}/inloggen`,
      { ...form, origin: hub.baseUrl, 'transfer-encoding': 'chunked' },
      (send) => {
        send(Buffer.from('email=niemand%40emmen.test&'));
        send(Buffer.from('wachtwoord=fout'));
      },
    );
    expect(small.status).toBe(400);
    expect(small.text).toContain('Inloggen is niet gelukt');
  });

  it('lets uploads keep 25 MB: an import page takes more than a form, and refuses more than 25 MB', async () => {
    const upload = (length: number) =>
      rawPost(
        `${hub.baseUrl}/organisaties/emmen/importeren`,
        {
          'content-type': 'multipart/form-data; boundary=x',
          origin: hub.baseUrl,
          cookie: `gp_session=${session}`,
          'content-length': length,
        },
        (send) => send(Buffer.alloc(Math.min(length, 64_000), 'c')),
        false,
      );
    expect(await upload(MAX_UPLOAD_BYTES + 1)).toEqual({ status: 413, text: tooLargeMessage(MAX_UPLOAD_BYTES) });
    // Two megabytes, more than a form may be: the import page reads it.
    const body = `--x\r\nContent-Disposition: form-data; name="bestand"; filename="leeg.csv"\r\nContent-Type: text/csv\r\n\r\n${'d'.repeat(2_000_000)}\r\n--x--\r\n`;
    const page = await timed(`${hub.baseUrl}/organisaties/emmen/importeren`, {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        origin: hub.baseUrl,
        cookie: `gp_session=${session}`,
      },
      body,
    });
    expect(page.status).not.toBe(413);
    expect(page.text).toContain('Gebruik inlezen bij Gemeente Emmen');
  });

  it('keeps anonymous clients to the form limit on upload routes: no 25 MB held for a request without credentials', async () => {
    for (const path of ['/organisaties/emmen/importeren', '/graphql']) {
      const declared = await rawPost(
        `${hub.baseUrl}${path}`,
        { 'content-type': 'multipart/form-data; boundary=x', origin: hub.baseUrl, 'content-length': 2_000_000 },
        (send) => send(Buffer.alloc(64_000, 'e')),
        false,
      );
      expect(declared).toEqual({ status: 413, text: tooLargeMessage(MAX_FORM_BYTES, true) });
      const chunked = await rawPost(
        `${hub.baseUrl}${path}`,
        { 'content-type': 'multipart/form-data; boundary=x', origin: hub.baseUrl, 'transfer-encoding': 'chunked' },
        (send) => {
          for (let i = 0; i < 40; i++) send(Buffer.alloc(64_000, 'f'));
        },
      );
      expect(chunked).toEqual({ status: 413, text: tooLargeMessage(MAX_FORM_BYTES, true) });
    }
    expect(tooLargeMessage(MAX_FORM_BYTES, true)).toContain('Log in');
  });
});

describe('unreadable form posts', () => {
  const postTo = (headers: Record<string, string>, body: string) =>
    timed(`${hub.baseUrl}/inloggen`, { method: 'POST', headers: { origin: hub.baseUrl, ...headers }, body });

  it('answers 400 with a Dutch message instead of a server error', async () => {
    for (const [headers, body] of [
      [{ 'content-type': 'application/json' }, '{"email": "a@b"}'],
      [{ 'content-type': 'text/plain' }, 'email=a'],
      [{ 'content-type': 'multipart/form-data; boundary=xyz' }, 'geen--xyz\r\nmultipart'],
      [{ 'content-type': 'multipart/form-data' }, '--\r\n'],
    ] as const) {
      const answer = await postTo(headers, body);
      expect(answer.status, `${JSON.stringify(headers)} ${body}`).toBe(400);
      expect(answer.text).toBe(MALFORMED_FORM);
    }
    // Bad percent-encoding is read leniently, as browsers send it: the page answers, no server error.
    const encoded = await postTo(
      { 'content-type': 'application/x-www-form-urlencoded' },
      'email=%zz%&wachtwoord=%E0%A4%A',
    );
    expect(encoded.status).toBe(400);
    expect(encoded.text).toContain('Inloggen is niet gelukt');
    // A signed-in form page too.
    const account = await timed(`${hub.baseUrl}/account`, {
      method: 'POST',
      headers: {
        origin: hub.baseUrl,
        cookie: `gp_session=${session}`,
        'content-type': 'multipart/form-data; boundary=q',
      },
      body: 'kapot',
    });
    expect(account.status).toBe(400);
  });
});

describe('methods a page cannot take', () => {
  it('answers TRACE with 405 instead of a server error, and TRACK with 400', async () => {
    for (const [method, status] of [
      ['TRACE', 405],
      ['TRACK', 400],
    ] as const) {
      const answer = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
        const req = httpRequest(`${hub.baseUrl}/`, { method }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status, method).toBe(status);
      if (status === 405) expect(answer.allow).toBe('GET, HEAD, POST, OPTIONS');
    }
  });
});

describe('uploads by API clients', () => {
  const csv =
    'Sleutel;Leverancier;Pakket;Versie;Status;Verwerving sinds;Gepland sinds;In productie sinds;Uit te faseren sinds;Uitgefaseerd sinds;Referentiecomponenten (GEMMA-id)\nnieuw-zaaksysteem;Maykin Media;Open Zaak;;Gepland;;2027-01-01;;;;';
  const multipart = () => {
    const body = new FormData();
    const query =
      'mutation($input: ImportUsagesInput!) { importUsages(input: $input) { __typename ... on ImportUsagesSuccess { data { applied added } } } }';
    body.set(
      'operations',
      JSON.stringify({
        query,
        variables: { input: { organisation: 'emmen', fileName: 'emmen.csv', file: null, apply: false } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    body.set('0', new File([csv], 'emmen.csv', { type: 'text/csv' }));
    return body;
  };

  it('accepts a multipart import with a Bearer token and no Origin header, as scripts send it', async () => {
    const response = await fetch(`${hub.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor.token}` },
      body: multipart(),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { importUsages: { __typename: 'ImportUsagesSuccess', data: { applied: false, added: 1 } } },
    });
  });

  it('still refuses a cross-site multipart post that rides on a session cookie', async () => {
    const response = await fetch(`${hub.baseUrl}/graphql`, {
      method: 'POST',
      headers: { cookie: `gp_session=${session}`, origin: 'https://elders.example' },
      body: multipart(),
    });
    expect(response.status).toBe(403);
    const withToken = await fetch(`${hub.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${editor.token}`,
        cookie: `gp_session=${session}`,
        origin: 'https://elders.example',
      },
      body: multipart(),
    });
    expect(withToken.status).toBe(403);
  });
});

describe('GraphiQL and introspection in production', () => {
  it('sends anonymous browsers to sign-in, and shows GraphiQL once signed in', async () => {
    const anonymous = await timed(`${hub.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/inloggen?terug=%2Fgraphql');
    const signedIn = await timed(`${hub.baseUrl}/graphql`, {
      headers: { accept: 'text/html', cookie: `gp_session=${session}` },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toContain('Grondplan GraphQL');
  });

  it('refuses anonymous introspection with a Dutch message', async () => {
    const answer = await timed(`${hub.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).errors[0].message).toBe(INTROSPECTION_NEEDS_SIGN_IN);
    const withToken = await timed(`${hub.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor.token}` },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(JSON.parse(withToken.text)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('rate limits over HTTP', () => {
  let limited: BuiltServer;
  beforeAll(async () => {
    limited = await startBuiltServer(database.url, {
      GRONDPLAN_RATE_LIMIT_ANONYMOUS: '40',
      GRONDPLAN_RATE_LIMIT_EXPENSIVE: '2',
    });
  });
  afterAll(() => limited?.stop());

  it('answers 429 with Retry-After to an address over its budget, pages and API alike, whatever X-Forwarded-For says', async () => {
    // The server's own start-up checks used part of loopback's anonymous budget: spend the rest.
    let page = await timed(`${limited.baseUrl}/`);
    for (let i = 0; i < 40 && page.status === 200; i++)
      page = await timed(`${limited.baseUrl}/`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(page.text).toMatch(
      /^Er komen te veel verzoeken zonder inloggen van dit adres\. Probeer het over \d+ seconden? opnieuw\.$/,
    );
    const api = await timed(`${limited.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hubSummary { organisations } }' }),
    });
    expect(api.status).toBe(429);
    expect(api.headers.get('retry-after')).not.toBeNull();
    // A signed-in browser on the same address has a budget of its own.
    expect(
      (await timed(`${limited.baseUrl}/organisaties/emmen`, { headers: { cookie: `gp_session=${session}` } })).status,
    ).toBe(200);
  });

  it('gives downloads their own, smaller budget', async () => {
    const download = () =>
      timed(`${limited.baseUrl}/organisaties/emmen/gebruik.csv`, { headers: { cookie: `gp_session=${session}` } });
    expect((await download()).status).toBe(200);
    expect((await download()).status).toBe(200);
    const refused = await download();
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/^Er komen te veel zware verzoeken/);
  });
});

describe('npm start brings the server back', () => {
  it('restarts the server within seconds after it is killed, says why, and stops when asked', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    // An empty database of its own, as on a first start: `npm start` migrates and seeds it.
    const own = await createEmptyDatabase();
    const start = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'start.ts')], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: own.url, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    start.stdout?.on('data', (d) => {
      output += d;
    });
    start.stderr?.on('data', (d) => {
      output += d;
    });
    const base = `http://127.0.0.1:${port}`;
    const answers = () =>
      fetch(`${base}/inloggen`)
        .then((r) => r.status === 200)
        .catch(() => false);
    const waitFor = async (check: () => boolean | Promise<boolean>, ms: number) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await waitFor(answers, 90_000);
      const first = Number(/De server draait als pid (\d+)\./.exec(output)?.[1]);
      expect(first).toBeGreaterThan(0);
      process.kill(first, 'SIGKILL');
      const killedAt = Date.now();
      await waitFor(
        () => /De server draait als pid (\d+)\.[\s\S]*De server draait als pid (\d+)\./.test(output),
        10_000,
      );
      await waitFor(answers, 10_000);
      expect(Date.now() - killedAt).toBeLessThan(10_000);
      expect(output).toContain(`De server (pid ${first}) is gestopt met signaal SIGKILL na`);
      const second = Number([...output.matchAll(/De server draait als pid (\d+)\./g)][1]?.[1]);
      expect(second).not.toBe(first);
      start.kill('SIGTERM');
      await new Promise((resolve) => start.once('exit', resolve));
      expect(() => process.kill(second, 0)).toThrow();
      expect(await answers()).toBe(false);
    } finally {
      if (start.exitCode === null) start.kill('SIGKILL');
      await own.drop();
    }
  });
});
