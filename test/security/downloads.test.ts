// The download routes serve files straight from the exchange code, outside the API: every route file under site/pages
// that names a file (archimate.xml, gebruik.csv...) is called here as the server calls it, for every organisation,
// with sentinels in every private field. The rule is the API's: another organisation's member finds no sentinel,
// anonymous visitors and accounts without a membership get the API's refusal, and the files are the API's files.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '#core/context.ts';
import { authenticate } from '#core/credentials.ts';
import { refusedReadMessage } from '#graphql/builder.ts';
import { projectRoot } from '#prisma/database.ts';
import { EVIDENCE_NOT_FOUND } from '#site/lib/evidence-download.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { findSentinels, type Planted, plantSentinels, workbookText } from '../helpers/sentinels.ts';

const pagesDir = path.join(projectRoot, 'site', 'pages');

/** Route files that serve a file: a name with its own extension before `.ts` (gebruik.csv.ts), found by walking site/pages. */
function downloadRoutes(dir = pagesDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return downloadRoutes(full);
    return /\.[a-z]+\.ts$/.test(name) ? [path.relative(pagesDir, full)] : [];
  });
}

let t: TestDatabase;
let planted: Planted;
const viewers: Record<'own' | 'outsider' | 'memberless' | 'partner' | 'instanceAdmin' | 'borger', Viewer | null> = {
  own: null,
  outsider: null,
  memberless: null,
  partner: null,
  instanceAdmin: null,
  borger: null,
};

beforeAll(async () => {
  t = await createTestDatabase();
  planted = await plantSentinels(t.db);
  // The routes open the hub's database (site/lib/hub.ts) from the environment, as the server does.
  process.env.DATABASE_URL = t.url;
  const viewerOf = (token: string | undefined) => authenticate(t.db, { bearerToken: token ?? '' });
  viewers.own = await viewerOf(planted.editors.get('emmen')?.token);
  viewers.outsider = await viewerOf(planted.outsider.token);
  viewers.memberless = await viewerOf(planted.memberless.token);
  viewers.partner = await viewerOf(planted.editors.get('coevorden')?.token);
  viewers.borger = await viewerOf(planted.editors.get('borger-odoorn')?.token);
  viewers.instanceAdmin = await viewerOf(planted.instanceAdmin.token);
});
afterAll(() => t?.drop());

interface Served {
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

/** Every download route for every organisation (the comparison with all of them), as `viewer` gets them. */
async function downloads(viewer: Viewer | null): Promise<Served[]> {
  const served: Served[] = [];
  const withLandscape = planted.organisations.filter((o) => o.usages.length > 0);
  for (const file of downloadRoutes()) {
    const { GET } = (await import(path.join(pagesDir, file))) as { GET: APIRoute };
    const route = `/${file.replace(/\.ts$/, '')}`;
    // A drawing on a GEMMA view: each landscape alone, and with every other landscape beside it (`met`); a PNG (whose
    // text cannot be searched) of one group only, since rendering the whole view takes seconds each time.
    const group = route.endsWith('.png') ? '&groep=id-a3d0ee5721a047349690a0675f0f873b' : '';
    const others = (slug: string) =>
      withLandscape
        .filter((o) => o.slug !== slug)
        .slice(0, 3)
        .map((o) => `met=${o.slug}`)
        .join('&');
    const urls = route.includes('[code]')
      ? planted.organisations.flatMap((o) =>
          ['?kleur=architectuur', `?kleur=status&${others(o.slug)}`].map((query) => ({
            url: `${route.replace('[slug]', o.slug).replace('[code]', 'RC00')}${query}${group}`,
            params: { slug: o.slug, code: 'RC00' },
          })),
        )
      : route.includes('[slug]')
        ? planted.organisations.map((o) => ({ url: route.replace('[slug]', o.slug), params: { slug: o.slug } }))
        : [
            {
              url: route.includes('vergelijk')
                ? `${route}?${withLandscape.map((o) => `org=${o.slug}`).join('&')}`
                : route,
              params: {},
            },
          ];
    if (route.replace(/\[(slug|code)\]/g, '').includes('['))
      throw new Error(`The walk cannot fill the route ${route}: teach it the segment.`);
    for (const { url, params } of urls) {
      const response = (await GET({
        params,
        locals: { viewer },
        url: new URL(url, 'http://hub.test'),
      } as never)) as Response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      const type = response.headers.get('content-type') ?? '';
      const text = type.includes('spreadsheetml')
        ? await workbookText(bytes)
        : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      served.push({ url, status: response.status, headers: response.headers, text });
    }
  }
  return served;
}

describe('download routes, with sentinels in every private field', () => {
  it('walks every download route: the five landscape files, the register of processing activities, the drawings on GEMMA views, the statements of applicability, the comparison and the GEMMA model', () => {
    expect(downloadRoutes().sort()).toEqual([
      'organisaties/[slug]/archimate.xml.ts',
      'organisaties/[slug]/gebruik.csv.ts',
      'organisaties/[slug]/gebruik.xlsx.ts',
      'organisaties/[slug]/koppelingen.csv.ts',
      'organisaties/[slug]/landschap.yaml.ts',
      'organisaties/[slug]/platen/[code].png.ts',
      'organisaties/[slug]/platen/[code].svg.ts',
      'organisaties/[slug]/verwerkingen.csv.ts',
      'organisaties/[slug]/verwerkingen.xlsx.ts',
      'organisaties/[slug]/vvt.csv.ts',
      'organisaties/[slug]/vvt.xlsx.ts',
      'referentiecomponenten/gemma.xml.ts',
      'vergelijk/archimate.xml.ts',
    ]);
  });

  it('gives a member of another organisation every file and no sentinel in any; a statement not shared is refused', async () => {
    const served = await downloads(viewers.outsider);
    const statement = (s: Served) => /\/vvt\.(csv|xlsx)$/.test(s.url);
    expect(served.filter((s) => s.status !== 200 && !statement(s)).map((s) => s.url)).toEqual([]);
    // Nobody shares a statement with the outsider's organisation.
    expect(new Set(served.filter(statement).map((s) => `${s.status} ${s.text}`))).toEqual(
      new Set(['403 De verklaring van toepasselijkheid van deze organisatie is niet met je gedeeld.']),
    );
    expect(served.filter((s) => findSentinels(s.text).length > 0).map((s) => s.url)).toEqual([]);
    expect(
      served
        .filter((s) => s.status === 200)
        .every((s) =>
          /^attachment; filename="grondplan-[a-z0-9-]+\.(xml|csv|xlsx|yaml|svg|png)"$/.test(
            s.headers.get('content-disposition') ?? '',
          ),
        ),
    ).toBe(true);
  });

  it('gives the organisation’s own member its private fields in the landscape file (not an empty walk)', async () => {
    const served = await downloads(viewers.own);
    expect(
      findSentinels(served.find((s) => s.url === '/organisaties/emmen/landschap.yaml')?.text ?? '').length,
    ).toBeGreaterThan(0);
    for (const file of ['vvt.csv', 'vvt.xlsx'])
      expect(findSentinels(served.find((s) => s.url === `/organisaties/emmen/${file}`)?.text ?? '')).toEqual([
        'SENTINEL-VVT-REASON-emmen',
        'SENTINEL-VVT-OWNER-emmen',
        'SENTINEL-VVT-EVIDENCE-emmen',
      ]);
    // A statement of another organisation is the own member's only when it is shared: Coevorden shares with Borger.
    expect(served.find((s) => s.url === '/organisaties/coevorden/vvt.csv')?.status).toBe(403);
    const partner = await authenticate(t.db, { bearerToken: planted.editors.get('borger-odoorn')?.token ?? '' });
    const shared = await downloads(partner);
    expect(findSentinels(shared.find((s) => s.url === '/organisaties/coevorden/vvt.csv')?.text ?? '')).toHaveLength(3);
    expect(shared.find((s) => s.url === '/organisaties/emmen/vvt.csv')?.status).toBe(403);
    for (const file of ['verwerkingen.csv', 'verwerkingen.xlsx'])
      expect(
        findSentinels(served.find((s) => s.url === `/organisaties/emmen/${file}`)?.text ?? '').length,
      ).toBeGreaterThan(0);
  });

  it('refuses anonymous visitors and accounts without a membership as the API does, with nothing of the file', async () => {
    for (const viewer of [null, viewers.memberless]) {
      const served = await downloads(viewer);
      expect(served.length).toBeGreaterThan(planted.organisations.length * 5);
      expect(new Set(served.map((s) => `${s.status} ${s.text}`))).toEqual(
        new Set([`403 ${refusedReadMessage(viewer)}`]),
      );
    }
  });

  it('serves the files the API offers, byte for byte (but the moment of writing)', async () => {
    const served = await downloads(viewers.own);
    const token = planted.editors.get('emmen')?.token;
    const gql = graphqlClient(t.db, token);
    const api: Record<string, string> = {};
    // One field a request: each is a whole file, and the query limits price them so.
    for (const field of ['ameff', 'usagesCsv', 'usagesXlsx', 'interfacesCsv', 'contentYaml', 'vvtCsv']) {
      const { data, errors } = await gql<{ organisation: Record<string, string> }>(
        `{ organisation(slug: "emmen") { ${field} } }`,
      );
      expect(errors).toBeUndefined();
      api[field] = data?.organisation[field] ?? '';
    }
    const file = (name: string) => served.find((s) => s.url === `/organisaties/emmen/${name}`)?.text;
    // The exchange file carries the moment it was written.
    const undated = (text = '') => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<moment>');
    expect(undated(file('archimate.xml'))).toBe(undated(api.ameff));
    expect(file('gebruik.csv')).toBe(api.usagesCsv);
    expect(file('koppelingen.csv')).toBe(api.interfacesCsv);
    expect(file('landschap.yaml')).toBe(api.contentYaml);
    expect(file('gebruik.xlsx')).toBe(await workbookText(Buffer.from(api.usagesXlsx ?? '', 'base64')));
    expect(file('vvt.csv')).toBe(api.vvtCsv);
  });
});

describe('evidence downloads (pakketten/[slug]/bewijs/[id].ts), with a sentinel in every planted file', () => {
  /** Every planted evidence document with a file, with its owner and product. */
  const documents = () =>
    t.db.prisma.evidence.findMany({
      where: { fileName: { not: null } },
      select: {
        id: true,
        visibility: true,
        organisation: { select: { slug: true } },
        product: { select: { slug: true } },
      },
      orderBy: { id: 'asc' },
    });

  async function download(viewer: Viewer | null, product: string, id: string) {
    const { GET } = (await import(path.join(pagesDir, 'pakketten/[slug]/bewijs/[id].ts'))) as { GET: APIRoute };
    const response = (await GET({ params: { slug: product, id }, locals: { viewer } } as never)) as Response;
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  it('gives the owner’s member the file as it was uploaded, as a sandboxed attachment of its detected type', async () => {
    const own = (await documents()).filter((d) => d.organisation.slug === 'emmen');
    expect(own.length).toBeGreaterThan(0);
    for (const doc of own) {
      const served = await download(viewers.own, doc.product.slug, doc.id);
      expect(served.status).toBe(200);
      expect(served.text).toContain('SENTINEL-EVIDENCE-FILE-emmen');
      expect(Object.fromEntries(served.headers)).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="SENTINEL-EVIDENCE-NAME-emmen.pdf"; filename*=UTF-8''SENTINEL-EVIDENCE-NAME-emmen.pdf`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        'cache-control': 'private, no-store',
      });
    }
  });

  it('answers 404 to other organisations, accounts without membership, instance administrators and anonymous visitors', async () => {
    const docs = await documents();
    expect(docs.length).toBeGreaterThanOrEqual(3);
    for (const viewer of [viewers.outsider, viewers.memberless, viewers.instanceAdmin, null])
      for (const doc of docs) {
        const served = await download(viewer, doc.product.slug, doc.id);
        expect([served.status, served.text]).toEqual([404, EVIDENCE_NOT_FOUND]);
        expect(findSentinels(served.text)).toEqual([]);
      }
    // Emmen's member reads none of another organisation's private documents either.
    for (const doc of docs.filter((d) => d.organisation.slug !== 'emmen'))
      expect((await download(viewers.own, doc.product.slug, doc.id)).status).toBe(404);
  });

  it('gives a NAMED document to the named partner only: Borger-Odoorn reads Coevorden’s, Emmen gets 404', async () => {
    const [named] = (await documents()).filter((d) => d.organisation.slug === 'coevorden');
    expect(named?.visibility).toBe('NAMED');
    const id = named?.id ?? '';
    const product = named?.product.slug ?? '';
    const partner = await download(viewers.borger, product, id);
    expect([partner.status, partner.text.includes('SENTINEL-EVIDENCE-FILE-coevorden')]).toEqual([200, true]);
    expect((await download(viewers.own, product, id)).status).toBe(404);
    expect((await download(viewers.partner, product, id)).status).toBe(200);
  });

  it('answers 404 for a document under another product’s address, and for an unknown key', async () => {
    const [doc] = await documents();
    expect((await download(viewers.own, 'een-ander-pakket', doc?.id ?? '')).status).toBe(404);
    expect((await download(viewers.own, doc?.product.slug ?? '', 'bestaat-niet')).status).toBe(404);
  });
});
