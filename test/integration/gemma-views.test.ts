// Every one of GEMMA's 17 views drawn with every sample landscape: each reference component a usage (not retired)
// realises shows that usage at every place the component is on the view, as a tile or, where the box is full, in its
// "+N"; nothing else is drawn, and the boxes nobody realises are drawn empty. Read back from the SVG itself.
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { viewFile } from '#core/exchange/downloads.ts';
import { loadContent } from '#prisma/seed/load.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';
import { parseComponentBoxes, parseOverflows, parseTiles } from '../helpers/view-svg.ts';

const content = loadContent();
const codes = content.gemma.views.views.map((v) => v.code).sort();
const samples = content.landscapes.filter((l) => l.sample).map((l) => l.organisation);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const hrefOf = (organisation: string, key: string) => `/organisaties/${organisation}/gebruik/${key}`;
const draw = async (code: string, slugs: string[], colourBy: 'architecture' | 'status' = 'architecture') => {
  const svg = await viewFile(t.db, { code, slugs, colourBy, hrefOf }, 'svg');
  if (typeof svg !== 'string') throw new Error(`${code} niet getekend`);
  return svg;
};

/** What the drawing must show, from the database and not from the drawing code: (node, organisation, usage) triples. */
async function expected(code: string, slugs: string[]) {
  const view = await t.db.prisma.gemmaView.findUniqueOrThrow({ where: { code }, include: { nodes: true } });
  const components = new Set(
    (await t.db.prisma.referenceComponent.findMany({ select: { id: true } })).map((c) => c.id),
  );
  const usages = await t.db.prisma.usage.findMany({
    where: { organisation: { slug: { in: slugs } }, status: { not: 'RETIRED' } },
    select: { id: true, organisation: { select: { slug: true } }, referenceComponents: true },
  });
  const triples = new Set<string>();
  const realised = new Set<string>();
  for (const node of view.nodes) {
    if (node.kind !== 'ELEMENT' || !node.objectId || !components.has(node.objectId)) continue;
    for (const u of usages)
      if (u.referenceComponents.some((c) => c.referenceComponentId === node.objectId)) {
        triples.add(`${node.id}|${u.organisation.slug}|${u.id}`);
        realised.add(node.id);
      }
  }
  const componentNodes = view.nodes.filter((n) => n.objectId && components.has(n.objectId)).map((n) => n.id);
  return { triples, realised, componentNodes };
}

function drawn(svg: string) {
  const triples = new Set<string>();
  const tiles = parseTiles(svg);
  for (const tile of tiles) triples.add(`${tile.node}|${tile.organisation}|${tile.usage}`);
  let hidden = 0;
  for (const more of parseOverflows(svg))
    for (const usage of more.hidden) {
      triples.add(`${more.node}|${more.organisation}|${usage}`);
      hidden++;
    }
  return { triples, tiles, hidden };
}

describe('the 17 GEMMA views with the sample landscapes', () => {
  it('are seeded whole: 17 views, 2842 nodes, parents drawn before their children', async () => {
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(await t.db.prisma.gemmaView.count()).toBe(17);
    expect(await t.db.prisma.gemmaViewNode.count()).toBe(2842);
    const nodes = await t.db.prisma.gemmaViewNode.findMany({ orderBy: [{ viewId: 'asc' }, { position: 'asc' }] });
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.parentId) expect(seen.has(`${n.viewId}|${n.parentId}`)).toBe(true);
      seen.add(`${n.viewId}|${n.id}`);
    }
  });

  for (const code of codes)
    it(`${code}: every sample landscape's tiles are exactly its usages per reference component`, async () => {
      let tiles = 0;
      for (const slug of samples) {
        const svg = await draw(code, [slug]);
        const want = await expected(code, [slug]);
        const got = drawn(svg);
        expect([...got.triples].sort(), `${code} ${slug}`).toEqual([...want.triples].sort());
        // The tiles are the usages themselves: "+N" stands for at most a few per box.
        expect(got.hidden, `${code} ${slug}: tiles behind "+N"`).toBeLessThanOrEqual(got.tiles.length / 4);
        const boxes = parseComponentBoxes(svg);
        expect(boxes.map((b) => b.node).sort()).toEqual([...want.componentNodes].sort());
        for (const box of boxes) expect(box.empty, `${code} ${box.node}`).toBe(!want.realised.has(box.node));
        tiles += got.tiles.length;
      }
      expect(tiles, `${code}: at least one sample landscape realises something on it`).toBeGreaterThan(0);
    });

  it('puts two organisations side by side on one view, each tile naming its organisation', async () => {
    const [a, b] = samples as [string, string];
    const svg = await draw('RC00', [a, b], 'status');
    const want = await expected('RC00', [a, b]);
    expect([...drawn(svg).triples].sort()).toEqual([...want.triples].sort());
    const names = new Map((await t.db.prisma.organisation.findMany()).map((o) => [o.slug, o.name]));
    for (const tile of parseTiles(svg)) expect(tile.label).toContain(`(${names.get(tile.organisation)})`);
    expect(svg).toContain(`van links naar rechts: 1. ${names.get(a)}, 2. ${names.get(b)}.`);
  });

  it('downloads as PNG rendered on the server', async () => {
    const png = await viewFile(
      t.db,
      { code: 'KV31', slugs: [samples[0] as string], colourBy: 'architecture', hrefOf },
      'png',
    );
    expect(png).toBeInstanceOf(Uint8Array);
    expect([...(png as Uint8Array).slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('draws Coevorden on 1 July 2027 as the sample plan makes it (the hand-worked case of landscape-at.test.ts)', async () => {
    // Today is the day the sample plan was worked out on, whatever the clock says.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const hrefKey = (href: string) => href.split('/').pop();
    const on = async (day?: Date) => {
      const svg = await viewFile(t.db, { code: 'RC00', slugs: ['coevorden'], colourBy: 'status', hrefOf, day }, 'svg');
      if (typeof svg !== 'string') throw new Error('RC00 niet getekend');
      return new Set(parseTiles(svg).map((tile) => hrefKey(tile.href)));
    };
    const now = await on();
    const then = await on(new Date('2027-07-01T00:00:00Z'));
    // zac is acquired today and live then; powerbrowser runs today and is retired after its parallel run.
    expect([now.has('zac'), now.has('powerbrowser')]).toEqual([true, true]);
    expect([then.has('zac'), then.has('open-zaak'), then.has('open-inwoner')]).toEqual([true, true, true]);
    expect(then.has('powerbrowser')).toBe(false);
    // Long ago (before any status date), nothing of today's landscape is drawn.
    expect((await on(new Date('1990-01-01T00:00:00Z'))).size).toBe(0);
  });

  it('answers an unknown view or organisation with nothing', async () => {
    expect(await viewFile(t.db, { code: 'XX99', slugs: ['emmen'], colourBy: 'status', hrefOf }, 'svg')).toBeNull();
    expect(
      await viewFile(t.db, { code: 'RC00', slugs: ['bestaat-niet'], colourBy: 'status', hrefOf }, 'svg'),
    ).toBeNull();
  });

  it('offers the views through the API, nodes in drawing order and the reference components on each', async () => {
    const gql = graphqlClient(
      t.db,
      (await createUser(t.db, 'lezer@views.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
    );
    const res = await gql<{
      gemmaViews: { code: string; referenceComponents: { gemmaId: string }[] }[];
      gemmaView: { nodes: { nodeId: string; parentId: string | null; kind: string }[] };
    }>(
      `{ gemmaViews { code referenceComponents { gemmaId } } gemmaView(code: "KV31") { nodes { nodeId parentId kind } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.gemmaViews.map((v) => v.code)).toEqual(codes);
    const rc00 = res.data?.gemmaViews.find((v) => v.code === 'RC00');
    expect(rc00?.referenceComponents.length).toBeGreaterThan(100);
    const stored = await t.db.prisma.gemmaViewNode.findMany({
      where: { view: { code: 'KV31' } },
      orderBy: { position: 'asc' },
    });
    expect(res.data?.gemmaView.nodes.map((n) => n.nodeId)).toEqual(stored.map((n) => n.id));
  });
});
