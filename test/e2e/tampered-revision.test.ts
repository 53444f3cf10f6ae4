// A tampered hidden revision on the evidence forms and the VvT line form: 400 with the Dutch message, nothing changed
// (before, "abc" or a number beyond GraphQL's Int failed the API's variable coercion and answered 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { EDITOR, type RunningHub, signInOverApi, startHub } from './server.ts';

const TAMPERED = ['abc', '-1', '0', '1.5', '99999999999999999999', ''];
const MESSAGE = 'de revisie die het meestuurt ontbreekt of klopt niet. Er is niets gewijzigd.';

let db: TestDatabase;
let hub: RunningHub;
let token: string;
let evidenceId: string;
let scenarioId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await createUser(db.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
  const p = db.db.prisma;
  const emmen = await p.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { id: true } });
  const product = await p.product.findFirstOrThrow({ select: { id: true } });
  evidenceId = (
    await p.evidence.create({
      data: {
        organisationId: emmen.id,
        productId: product.id,
        kind: 'ISO27001',
        title: 'Certificaat zoals opgeslagen',
        link: 'https://example.org/certificaat',
      },
    })
  ).id;
  await p.vvtStatement.create({
    data: { organisationId: emmen.id, measureNumber: '5.06.01', applies: true, reason: 'Zoals opgeslagen' },
  });
  scenarioId = (await p.scenario.create({ data: { name: 'Scenario zoals opgeslagen', organisationId: emmen.id } })).id;
  hub = await startHub(db);
  token = await signInOverApi(hub.baseUrl, EDITOR);
}, 200_000);

afterAll(async () => {
  await hub?.stop();
  await db?.drop();
});

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${hub.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: hub.baseUrl,
      cookie: `gp_session=${token}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });

const stored = async () => ({
  evidence: await db.db.prisma.evidence.findUniqueOrThrow({
    where: { id: evidenceId },
    select: { title: true, revision: true },
  }),
  line: await db.db.prisma.vvtStatement.findFirstOrThrow({
    where: { measureNumber: '5.06.01' },
    select: { applies: true, reason: true, revision: true },
  }),
  usages: await db.db.prisma.usage.findMany({ select: { id: true, revision: true }, orderBy: { id: 'asc' } }),
  koppelingen: await db.db.prisma.interface.findMany({ select: { id: true, revision: true }, orderBy: { id: 'asc' } }),
  scenario: await db.db.prisma.scenario.findUniqueOrThrow({
    where: { id: scenarioId },
    select: { status: true, revision: true },
  }),
  audit: await db.db.prisma.auditEvent.count(),
});

describe('a tampered revision', () => {
  it('on the evidence edit form answers the form again with the Dutch message, nothing changed', async () => {
    const before = await stored();
    for (const revision of TAMPERED) {
      const response = await post(`/organisaties/emmen/bewijs/${evidenceId}`, {
        revision,
        kind: 'ISO27001',
        title: 'Aangepast certificaat',
        link: 'https://example.org/anders',
        visibility: 'OWN',
      });
      expect(response.status, revision).toBe(400);
      const html = await response.text();
      expect(html, revision).toContain(MESSAGE);
      // The form shows what is stored, not what was posted.
      expect(html, revision).toContain('Certificaat zoals opgeslagen');
    }
    expect(await stored()).toEqual(before);
  });

  it('on the evidence delete form answers the same, and the document stays', async () => {
    const before = await stored();
    for (const revision of TAMPERED) {
      const response = await post(`/organisaties/emmen/bewijs/${evidenceId}`, { actie: 'verwijderen', revision });
      expect(response.status, revision).toBe(400);
      expect(await response.text(), revision).toContain(MESSAGE);
    }
    expect(await stored()).toEqual(before);
  });

  it('on the VvT line form answers the form again with the Dutch message, nothing changed', async () => {
    const before = await stored();
    // Empty is what a line not written before posts: on a stored line it is the conflict, also with nothing changed.
    for (const revision of TAMPERED) {
      const response = await post('/organisaties/emmen/vvt/5.06.01', {
        revision,
        applies: 'ja',
        reason: 'Aangepast',
        state: 'GETOETST',
      });
      expect(response.status, revision).toBe(400);
      const html = await response.text();
      if (revision === '') expect(html).toContain('is intussen gewijzigd (revisie 0 → 1)');
      else expect(html, revision).toContain(MESSAGE);
    }
    expect(await stored()).toEqual(before);
  });

  it('on the other forms that post one (usage, koppeling, scenario) answers the message, nothing changed', async () => {
    const koppeling = await db.db.prisma.interface.findFirstOrThrow({
      where: { organisation: { slug: 'emmen' } },
      select: { id: true, key: true, fromUsage: { select: { key: true } } },
    });
    const before = await stored();
    for (const revision of ['abc', '99999999999999999999']) {
      const answers = [
        await post(`/organisaties/emmen/gebruik/${koppeling.fromUsage.key}`, { actie: 'bewerken', revision }),
        await post(`/organisaties/emmen/gebruik/${koppeling.fromUsage.key}`, {
          actie: 'status',
          revision,
          status: 'PHASING_OUT',
          since: '2026-01-01',
        }),
        await post(`/organisaties/emmen/koppelingen/${koppeling.key}`, { revision, type: 'API', status: 'ACTIEF' }),
        await post(`/transitie/scenarios/${scenarioId}`, { actie: 'verwerpen', revision, bevestigd: 'ja' }),
      ];
      for (const response of answers) {
        expect(response.status, `${response.url} ${revision}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${response.url} ${revision}`).toBeLessThan(500);
        expect(await response.text(), `${response.url} ${revision}`).toContain(MESSAGE);
      }
    }
    expect(await stored()).toEqual(before);
  });

  it('leaves the right revision working', async () => {
    const response = await post('/organisaties/emmen/vvt/5.06.01', {
      revision: '1',
      applies: 'ja',
      reason: 'Nieuw opgeslagen',
      state: 'NIET_GESTART',
    });
    expect(response.status).toBe(303);
    expect((await stored()).line).toMatchObject({ reason: 'Nieuw opgeslagen', revision: 2 });
  });
});
