// Every page and download of the built hub, over plain HTTP with a session cookie: with a sentinel in every private
// field of every organisation (and in the audit trail), a member of another organisation, a signed-in user without
// membership and an anonymous visitor find none. The routes come from walking site/pages/, so a new page joins by
// construction; a dynamic segment the walk cannot fill fails the test.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { type BuiltServer, startBuiltServer } from '#scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { findSentinels, type Planted, plantSentinels, workbookText } from '../helpers/sentinels.ts';
import { createUser } from '../helpers/users.ts';
import { signInOverApi } from './server.ts';

const PASSWORD = 'correct horse battery staple';
const pagesDir = path.join(projectRoot, 'site', 'pages');

let database: TestDatabase;
let planted: Planted;
let server: BuiltServer;
const sessions: Record<string, string> = {};
/** Products that organisations use (slug, and the names of the organisations that use them), for the catalogue. */
let usedProducts: { slug: string; users: string[]; live: number }[] = [];
/** Written in the experience of every usage: landscape data, for members only. */
const EXPERIENCE = 'ERVARING-MARKER';

/** Every route file under site/pages, as its URL pattern (/organisaties/[slug]/gebruik/[key]). */
function routeFiles(dir = pagesDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    if (!/\.(astro|ts)$/.test(name)) return [];
    const route = `/${path.relative(pagesDir, full)}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '/');
    return [route === '/' ? '/' : route.replace(/\/$/, '') || '/'];
  });
}

/** The seeded values a dynamic segment takes, by the route around it. */
async function fill(route: string): Promise<string[]> {
  const p = database.db.prisma;
  const organisations = planted.organisations;
  const withUsages = organisations.filter((o) => o.usages.length > 0);
  const segment: Record<string, () => Promise<string[]> | string[]> = {
    '/organisaties/[slug]': () =>
      organisations.flatMap((o) => [`/organisaties/${o.slug}`, `/organisaties/${o.slug}?datum=2027-07-01`]),
    '/organisaties/[slug]/gebruik/[key]': () =>
      withUsages.flatMap((o) =>
        o.usages.slice(0, 3).map((u) => `/organisaties/${o.slug}/gebruik/${encodeURIComponent(u.key)}`),
      ),
    '/organisaties/[slug]/koppelingen/[key]': () =>
      withUsages.flatMap((o) =>
        o.interfaces.slice(0, 2).map((k) => `/organisaties/${o.slug}/koppelingen/${encodeURIComponent(k)}`),
      ),
    // Two GEMMA views per organisation, and the same with every other landscape beside it (`met`); a PNG (whose text
    // cannot be searched) of one group only, since rendering a whole view takes seconds each time.
    ...Object.fromEntries(
      ['', '.svg', '.png'].map((suffix) => [
        `/organisaties/[slug]/platen/[code]${suffix}`,
        () =>
          organisations.flatMap((o) =>
            (suffix === '.png' ? ['RC00'] : ['RC00', 'KV31']).flatMap((code) => {
              const url = `/organisaties/${o.slug}/platen/${code}${suffix}`;
              const others = withUsages
                .filter((w) => w.slug !== o.slug)
                .slice(0, 3)
                .map((w) => `met=${w.slug}`);
              const group = suffix === '.png' ? ['groep=id-a3d0ee5721a047349690a0675f0f873b'] : [];
              return [
                `${url}?${['kleur=architectuur', ...group].join('&')}`,
                `${url}?${['kleur=status', ...others, ...group].join('&')}`,
                `${url}?${['datum=2027-07-01', ...others, ...group].join('&')}`,
              ];
            }),
          ),
      ]),
    ),
    '/pakketten/[slug]': async () => [
      ...(await p.product.findMany({ select: { slug: true }, take: 3, orderBy: { slug: 'asc' } })).map(
        (x) => `/pakketten/${x.slug}`,
      ),
      ...usedProducts.map((x) => `/pakketten/${x.slug}`),
    ],
    // Each organisation's planted statement line (5.06.01, with sentinels) and one without a line.
    '/organisaties/[slug]/vvt/[nummer]': () =>
      organisations.flatMap((o) => ['5.06.01', '5.01.01'].map((n) => `/organisaties/${o.slug}/vvt/${n}`)),
    // Every planted evidence document (its file, and its edit form under every organisation's address).
    '/pakketten/[slug]/bewijs/[id]': async () =>
      (await p.evidence.findMany({ select: { id: true, product: { select: { slug: true } } } })).map(
        (x) => `/pakketten/${x.product.slug}/bewijs/${x.id}`,
      ),
    '/organisaties/[slug]/bewijs/[id]': async () => {
      const ids = (await p.evidence.findMany({ select: { id: true } })).map((x) => x.id);
      return organisations.flatMap((o) => ids.map((id) => `/organisaties/${o.slug}/bewijs/${id}`));
    },
    // Each organisation's planted activity (with sentinels), read by every organisation's address, and the new form.
    '/organisaties/[slug]/verwerkingen/[id]': async () => {
      const activities = await p.processingActivity.findMany({ select: { id: true } });
      return organisations.flatMap((o) => [
        `/organisaties/${o.slug}/verwerkingen/nieuw`,
        ...activities.map((a) => `/organisaties/${o.slug}/verwerkingen/${a.id}`),
      ]);
    },
    '/transitie/[programme]': async () =>
      (await p.programme.findMany({ select: { slug: true } })).map((x) => `/transitie/${x.slug}`),
    '/transitie/scenarios/[id]': async () =>
      (await p.scenario.findMany({ select: { id: true } })).map((x) => `/transitie/scenarios/${x.id}`),
    '/[page]': () => readdirSync(path.join(projectRoot, 'content', 'pages')).map((f) => `/${f.replace(/\.md$/, '')}`),
  };
  const dynamic = route.includes('[');
  const prefixes = Object.keys(segment).filter((k) => route === k || route.startsWith(`${k}/`));
  if (!dynamic) return [route];
  const exact = segment[route];
  if (exact) return exact();
  // A route below a filled segment (/organisaties/[slug]/wijzigingen): the segment's values, then the rest.
  const base = prefixes.sort((a, b) => b.length - a.length)[0];
  if (!base || route.slice(base.length).includes('['))
    throw new Error(`The walk cannot fill the route ${route}: add its segment to fill().`);
  return (await segment[base]?.())?.map((value) => value + route.slice(base.length)) ?? [];
}

/** Query strings that show more of a page (every organisation side by side, a search for sentinels and names). */
const extras = (route: string): string[] => {
  const all = planted.organisations
    .filter((o) => o.usages.length > 0)
    .map((o) => `org=${o.slug}`)
    .join('&');
  if (route === '/vergelijk' || route === '/vergelijk/archimate.xml')
    return [`${route}?${all}`, `${route}?${all}&datum=2027-07-01`];
  // A landscape on a day: the plateau export and the difference between two days.
  const days = (suffix: string, query: string) =>
    planted.organisations.map((o) => `/organisaties/${o.slug}${suffix}?${query}`);
  if (route === '/organisaties/[slug]/archimate.xml') return days('/archimate.xml', 'datum=2027-07-01');
  if (route === '/organisaties/[slug]/verschil') return days('/verschil', 'van=2020-01-01&tot=2027-07-01');
  // Statements side by side: every four organisations in turn (Coevorden shares with Borger-Odoorn only).
  if (route === '/vvt/vergelijk') {
    const slugs = planted.organisations.map((o) => o.slug);
    return slugs.map(
      (_, i) => `${route}?${[0, 1, 2, 3].map((k) => `organisatie=${slugs[(i + k) % slugs.length]}`).join('&')}`,
    );
  }
  if (route === '/statistieken') return planted.organisations.map((o) => `${route}?organisatie=${o.slug}`);
  if (route === '/algoritmen')
    return [
      '/algoritmen?risico=HIGH&risico=PROHIBITED',
      ...planted.organisations.map((o) => `/algoritmen?organisatie=${o.slug}`),
    ];
  if (route === '/pakketten/vergelijk')
    return [`${route}?${usedProducts.map((x) => `pakket=${x.slug}`).join('&')}`, `${route}?pakket=open-zaak`];
  if (route === '/pakketten')
    return [
      '/pakketten?q=SENTINEL-NOTE',
      '/pakketten?licentie=open&laag=DATA',
      ...planted.organisations.slice(0, 3).map((o) => `/pakketten?q=${encodeURIComponent(o.name)}`),
    ];
  if (route === '/zoeken')
    return [
      '/zoeken?q=SENTINEL-NOTE',
      '/zoeken?q=sentinel-editor',
      ...planted.organisations.map((o) => `/zoeken?q=${encodeURIComponent(o.name)}`),
    ];
  return [];
};

async function allUrls(): Promise<string[]> {
  const urls: string[] = [];
  for (const route of routeFiles()) {
    const filled = await fill(route);
    // A segment with no seeded value would leave its pages unread: as good as unfilled.
    if (filled.length === 0) throw new Error(`The walk found no value for the route ${route}: seed one.`);
    urls.push(...filled, ...extras(route));
  }
  return urls;
}

const signIn = (email: string) => signInOverApi(server.baseUrl, { email, password: PASSWORD });

/** The body as text; a workbook's cells when it is an .xlsx. */
async function read(url: string, session?: string): Promise<{ status: number; location: string | null; text: string }> {
  const response = await fetch(`${server.baseUrl}${url}`, {
    redirect: 'manual',
    headers: session ? { cookie: `gp_session=${session}` } : {},
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const text = type.includes('spreadsheetml') ? await workbookText(bytes) : new TextDecoder().decode(bytes);
  return { status: response.status, location: response.headers.get('location'), text };
}

async function sentinelsOnEveryPage(session?: string) {
  const found: Record<string, string[]> = {};
  const statuses: Record<string, number> = {};
  for (const url of await allUrls()) {
    const { status, text } = await read(url, session);
    statuses[url] = status;
    // A page refused for load (429) was not read: the walk would prove nothing about it.
    if (status === 429) throw new Error(`${url} was refused for load (429): the walk reads every page`);
    const sentinels = findSentinels(text);
    if (sentinels.length) found[url] = [...new Set(sentinels)].slice(0, 5);
  }
  return { found, statuses };
}

beforeAll(async () => {
  database = await createTestDatabase();
  planted = await plantSentinels(database.db);
  // The products most organisations use, with who uses them: their catalogue pages must not say who.
  const used = await database.db.prisma.product.findMany({
    where: { usages: { some: { status: { not: 'RETIRED' } } } },
    select: { slug: true, usages: { select: { status: true, organisation: { select: { name: true } } } } },
    orderBy: { slug: 'asc' },
  });
  usedProducts = used
    .map((x) => ({
      slug: x.slug,
      users: [...new Set(x.usages.map((u) => u.organisation.name))],
      live: new Set(
        x.usages
          .filter((u) => u.status === 'IN_PRODUCTION' || u.status === 'PHASING_OUT')
          .map((u) => u.organisation.name),
      ).size,
    }))
    .sort((a, b) => b.users.length - a.users.length)
    .slice(0, 4);
  await database.db.prisma.usage.updateMany({ data: { experience: `${EXPERIENCE}: werkt goed` } });
  // The walk reads every page several times from one address; rate limits do not change what may be read.
  server = await startBuiltServer(database.url, { GRONDPLAN_RATE_LIMITS: 'off' });
  sessions.outsider = await signIn(planted.outsider.email);
  sessions.memberless = await signIn(planted.memberless.email);
  sessions.emmen = await signIn(planted.editors.get('emmen')?.email ?? '');
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('every page and download, with sentinels in every private field', () => {
  it('walks every route file and fills every dynamic segment', async () => {
    const urls = await allUrls();
    expect(urls).toContain('/organisaties/emmen/landschap.yaml');
    expect(urls.some((u) => u.startsWith('/organisaties/emmen/gebruik/'))).toBe(true);
    expect(urls.filter((u) => u.includes('['))).toEqual([]);
  });

  it('shows the own organisation its private values (the walk reaches them)', async () => {
    const usage = planted.organisations.find((o) => o.slug === 'emmen')?.usages[0]?.key ?? '';
    expect(
      findSentinels((await read(`/organisaties/emmen/gebruik/${encodeURIComponent(usage)}`, sessions.emmen)).text)
        .length,
    ).toBeGreaterThan(0);
    expect(
      findSentinels((await read('/organisaties/emmen/landschap.yaml', sessions.emmen)).text).length,
    ).toBeGreaterThan(0);
    expect(findSentinels((await read('/organisaties/emmen/wijzigingen', sessions.emmen)).text).length).toBeGreaterThan(
      0,
    );
    expect(findSentinels((await read('/organisaties/emmen/vvt/5.06.01', sessions.emmen)).text)).toEqual(
      expect.arrayContaining(['SENTINEL-VVT-REASON-emmen']),
    );
    for (const page of ['/organisaties/emmen/verwerkingen/afdrukken', '/organisaties/emmen/verwerkingen.csv'])
      expect(findSentinels((await read(page, sessions.emmen)).text)).toEqual(
        expect.arrayContaining(['SENTINEL-AVG-NAME-emmen', 'SENTINEL-AVG-RETENTION-emmen']),
      );
    expect(findSentinels((await read('/organisaties/emmen/vvt', sessions.emmen)).text)).toEqual(
      expect.arrayContaining(['SENTINEL-VVT-REASON-emmen', 'SENTINEL-VVT-OWNER-emmen', 'SENTINEL-VVT-EVIDENCE-emmen']),
    );
    // The dashboard's table of required DPIAs says the criteria ("9 van 9 criteria").
    expect(findSentinels((await read('/organisaties/emmen/veiligheid', sessions.emmen)).text)).toContain(
      '9 van 9 criteria',
    );
    expect(findSentinels((await read('/organisaties/emmen/bewijs', sessions.emmen)).text)).toEqual(
      expect.arrayContaining([
        'SENTINEL-EVIDENCE-TITLE-emmen',
        'SENTINEL-EVIDENCE-ISSUER-emmen',
        'SENTINEL-EVIDENCE-SCOPE-emmen',
        'SENTINEL-EVIDENCE-NAME-emmen',
        'sentinel-evidence-link-emmen',
      ]),
    );
  });

  it('shows a member of another organisation no sentinel on any page or download', async () => {
    const { found, statuses } = await sentinelsOnEveryPage(sessions.outsider);
    expect(found).toEqual({});
    // A failing page proves nothing: every page answers (uitloggen takes posts only).
    // No server error, and no refusal for load: a page refused for load was not read, and proves nothing.
    expect(Object.entries(statuses).filter(([, status]) => status >= 500 || status === 429)).toEqual([]);
    // Not an empty walk: the landscapes and their downloads were read.
    expect(statuses['/organisaties/emmen']).toBe(200);
    expect(statuses['/organisaties/emmen/landschap.yaml']).toBe(200);
    expect(statuses['/organisaties/emmen/wijzigingen']).toBe(200);
  });

  it('shows a signed-in user without membership no sentinel, and sends it to an explanation instead of the data', async () => {
    const { found, statuses } = await sentinelsOnEveryPage(sessions.memberless);
    expect(found).toEqual({});
    const landscape = await read('/organisaties/emmen/landschap.yaml', sessions.memberless);
    expect(landscape.status).toBe(303);
    expect(landscape.location).toBe('/geen-toegang');
    const explanation = await read('/geen-toegang', sessions.memberless);
    expect(explanation.status).toBe(403);
    expect(explanation.text).toContain('Je account hoort nog bij geen organisatie');
    expect(statuses['/account']).toBe(200);
    expect(statuses['/']).toBe(200);
  });

  it('shows an anonymous visitor no sentinel; the home and editorial pages stay open', async () => {
    const { found, statuses } = await sentinelsOnEveryPage();
    expect(found).toEqual({});
    expect(statuses['/']).toBe(200);
    expect(statuses['/over']).toBe(200);
    expect(statuses['/organisaties/emmen']).toBe(303);
    // The hub's statistics are open; every figure of one partner is landscape data (its status history per quarter):
    // an anonymous visitor gets a sign-in note and no figure of it at all, a member gets them all.
    expect(statuses['/statistieken']).toBe(200);
    expect(statuses['/statistieken?organisatie=emmen']).toBe(200);
    const figures = [
      'id="common-ground-door-de-tijd"',
      'id="legacy-per-laag"',
      'id="pakketten-per-component"',
      'Pakketten van Gemeente Emmen',
    ];
    const emmen = await read('/statistieken?organisatie=emmen');
    for (const figure of figures) expect(emmen.text, figure).not.toContain(figure);
    expect(emmen.text).toContain('alleen zichtbaar voor wie is ingelogd');
    const hub = await read('/statistieken');
    for (const figure of figures.slice(0, 3)) expect(hub.text, figure).toContain(figure);
    const asMember = await read('/statistieken?organisatie=emmen', sessions.outsider);
    for (const figure of figures) expect(asMember.text, figure).toContain(figure);
    expect(asMember.text).not.toContain('alleen zichtbaar voor wie is ingelogd');
    // The catalogue is open, and was read.
    const catalogue = ['/pakketten', `/pakketten/${usedProducts[0]?.slug}`, '/leveranciers', '/referentiecomponenten'];
    for (const page of [...catalogue, '/standaarden', '/voorzieningen']) expect(statuses[page], page).toBe(200);
    expect(statuses['/pakketten/inlezen']).toBe(303);
    expect(statuses['/pakketten/samenvoegen']).toBe(303);
  });
});

describe('security and privacy across the partners', () => {
  /** Per organisation row of /veiligheid: its name and the text of each figure's cell. */
  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => ({
      name: (m[1] ?? '').replace(/<[^>]+>/g, '').trim(),
      cells: [...(m[2] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) =>
        (c[1] ?? '').replace(/<[^>]+>/g, '').trim(),
      ),
    }));
  // Columns: VvT, personal data without DPIA, DPIA required, risk assessment, ENSIA, attestation.
  const PRIVATE_COLUMNS = [0, 2, 3, 5];

  it('never shows a count derived from another partner’s private fields, only "niet gedeeld"', async () => {
    const withUsages = planted.organisations.filter((o) => o.usages.length > 0);
    // Every usage carries all nine criteria and none has a DPIA done: each organisation's count of required DPIAs is
    // its number of usages that are not retired, which a member of another organisation must never see.
    const required = new Map(
      await Promise.all(
        withUsages.map(
          async (o) =>
            [
              o.name,
              await database.db.prisma.usage.count({
                where: {
                  organisationId: o.id,
                  status: { not: 'RETIRED' },
                  OR: [{ dpiaStatus: null }, { dpiaStatus: { not: 'DONE' } }],
                },
              }),
            ] as const,
        ),
      ),
    );
    for (const session of [sessions.outsider, sessions.emmen]) {
      const page = await read('/veiligheid', session);
      expect(page.status).toBe(200);
      const rows = rowsOf(page.text);
      expect(rows.map((r) => r.name).sort()).toEqual(withUsages.map((o) => o.name).sort());
      for (const row of rows) {
        const own = session === sessions.emmen && row.name === 'Gemeente Emmen';
        for (const column of PRIVATE_COLUMNS)
          if (own) expect(row.cells[column], `${row.name} ${column}`).not.toBe('niet gedeeld');
          else expect(row.cells[column], `${row.name} ${column}`).toBe('niet gedeeld');
        if (own) expect(row.cells[2]).toBe(`${required.get(row.name)} gebruik`);
      }
    }
    // Another partner's own dashboard is its members': a sentence, no figure.
    const other = await read('/organisaties/emmen/veiligheid', sessions.outsider);
    expect(other.status).toBe(200);
    expect(other.text).toContain('Alleen leden van Gemeente Emmen zien dit dashboard');
    expect(other.text).not.toContain('id="cijfers"');
  });

  it('sends an anonymous visitor to sign in, without computing anything', async () => {
    for (const url of ['/veiligheid', '/algoritmen', '/ensia', '/organisaties/emmen/veiligheid']) {
      const page = await read(url);
      expect(page.status, url).toBe(303);
      expect(page.location, url).toMatch(/^\/inloggen/);
    }
  });
});

describe('the public catalogue', () => {
  const compare = () => `/pakketten/vergelijk?${usedProducts.map((x) => `pakket=${x.slug}`).join('&')}`;
  /** The page's own content: the site's header and footer name the partners (BOCE, Dimpact) on every page. */
  const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

  it('tells an anonymous visitor how many organisations use a product, never which, nor their experiences', async () => {
    expect(usedProducts.length).toBeGreaterThan(1);
    for (const product of usedProducts) {
      const page = await read(`/pakketten/${product.slug}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`${product.live} organisaties gebruiken dit pakket`);
      for (const name of product.users) expect(main(page.text), `${product.slug}: ${name}`).not.toContain(name);
      expect(page.text).not.toContain(EXPERIENCE);
      expect(page.text).not.toContain('/organisaties/');
    }
    const comparison = await read(compare());
    expect(comparison.status).toBe(200);
    expect(comparison.text).toContain('Ondersteunde standaarden');
    for (const name of usedProducts.flatMap((x) => x.users)) expect(main(comparison.text)).not.toContain(name);
    expect(comparison.text).not.toContain(EXPERIENCE);
    for (const url of ['/pakketten', '/pakketten?q=zaak', '/referentiecomponenten', '/leveranciers', '/standaarden']) {
      const { text } = await read(url);
      expect(text, url).not.toContain(EXPERIENCE);
      expect(text, url).not.toContain('/organisaties/');
    }
  });

  it('shows a member who uses each compared product, and their experiences', async () => {
    const comparison = await read(compare(), sessions.outsider);
    expect(comparison.status).toBe(200);
    for (const name of usedProducts.flatMap((x) => x.users)) expect(comparison.text).toContain(name);
    expect(comparison.text).toContain(EXPERIENCE);
    const product = usedProducts[0];
    const page = await read(`/pakketten/${product?.slug}`, sessions.outsider);
    for (const name of product?.users ?? []) expect(page.text).toContain(name);
  });
});

describe('cached pages', () => {
  it('are kept per what the viewer may see: a role taken away without a data change never meets the page made for it', async () => {
    const user = await createUser(database.db, 'wisselt@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }], {
      password: PASSWORD,
    });
    const session = await signIn(user.email);
    const usage = planted.organisations.find((o) => o.slug === 'emmen')?.usages[2]?.key ?? '';
    const url = `/organisaties/emmen/gebruik/${encodeURIComponent(usage)}`;
    // An editor's usage page shows the private fields; read twice, so the second comes from the page cache.
    expect(findSentinels((await read(url, session)).text).length).toBeGreaterThan(0);
    expect(findSentinels((await read(url, session)).text).length).toBeGreaterThan(0);
    // Straight in the database, as a cleanup script would: the data version does not move.
    const emmen = planted.organisations.find((o) => o.slug === 'emmen')?.id ?? '';
    await database.db.prisma.userMembership.update({
      where: { userId_organisationId: { userId: user.id, organisationId: emmen } },
      data: { role: 'VIEWER' },
    });
    const after = await read(url, session);
    expect(after.status).toBe(200);
    expect(findSentinels(after.text)).toEqual([]);
  });
});
