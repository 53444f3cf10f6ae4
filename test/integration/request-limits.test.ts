// The API's request body limit, checked on the declared length before anything is read or run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLServer, MAX_JSON_BYTES, MAX_REQUEST_BYTES } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const url = 'http://grondplan.test/graphql';
const query = JSON.stringify({ query: '{ hubSummary { organisations } }' });
/** A JSON post with `headers` besides the content type; the body streams, so no length is declared unless given. */
const postJson = (headers: Record<string, string> = {}) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: new Blob([query]).stream(),
    duplex: 'half',
  } as RequestInit);

/** Sends a request through Yoga and tells what came back and how many SQL statements it cost. */
async function send(request: Request) {
  const before = t.db.queries.count;
  const response = await createGraphQLServer(t.db).fetch(request);
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, body, statements: t.db.queries.count - before };
}

describe('request body limit', () => {
  it('answers a request whose declared length is within the limit', async () => {
    const { status, body } = await send(postJson({ 'content-length': String(Buffer.byteLength(query)) }));
    expect(status).toBe(200);
    expect(body.data).toEqual({ hubSummary: { organisations: expect.any(Number) } });
  });

  it('refuses a declared length over the limit before reading or running anything', async () => {
    // Uploads (multipart) keep 25 MB; the body of this one is not read, so its length alone decides.
    const { status, body, statements } = await send(
      postJson({ 'content-length': String(MAX_REQUEST_BYTES + 1), 'content-type': 'multipart/form-data; boundary=x' }),
    );
    expect(status).toBe(413);
    expect(body.errors?.[0]?.message).toBe(
      `Een verzoek mag ten hoogste ${MAX_REQUEST_BYTES} bytes zijn; dit is ${MAX_REQUEST_BYTES + 1} bytes.`,
    );
    expect(statements).toBe(0);
  });

  it('keeps a JSON post (no files) to 1 MB, on the declared length, before reading or running anything', async () => {
    expect(MAX_JSON_BYTES).toBe(1_000_000);
    const { status, body, statements } = await send(postJson({ 'content-length': String(MAX_JSON_BYTES + 1) }));
    expect(status).toBe(413);
    expect(body.errors?.[0]?.message).toBe(
      `Een verzoek zonder bestanden mag ten hoogste ${MAX_JSON_BYTES} bytes zijn; dit is ${MAX_JSON_BYTES + 1} bytes. Stuur bestanden als multipart-upload of verdeel de gegevens over meer verzoeken.`,
    );
    expect(statements).toBe(0);
    const within = await send(postJson({ 'content-length': String(Buffer.byteLength(query)) }));
    expect(within.status).toBe(200);
  });

  it('refuses a body sent in chunks of undeclared length, and an invalid length, naming the header', async () => {
    const chunked = await send(postJson({ 'transfer-encoding': 'chunked' }));
    expect(chunked.status).toBe(411);
    expect(chunked.body.errors?.[0]?.message).toBe('Een verzoek moet zijn lengte opgeven (Content-Length).');
    expect(chunked.statements).toBe(0);
    const invalid = await send(postJson({ 'content-length': '12, 12' }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]?.message).toBe('Content-Length "12, 12" is geen geldige lengte.');
  });

  it('needs no declared length for a query over GET, nor for a request built in process', async () => {
    const { status, body } = await send(
      new Request(`${url}?query=${encodeURIComponent('{ hubSummary { organisations } }')}`, {
        headers: { accept: 'application/json' },
      }),
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ hubSummary: { organisations: expect.any(Number) } });
    const inProcess = await send(postJson());
    expect(inProcess.status).toBe(200);
  });
});
