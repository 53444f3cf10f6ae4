// A tampered hidden revision on the evidence forms, the VvT line form and the register of processing activities' forms:
// 400 with the Dutch message, nothing changed (before, "abc" or a number beyond GraphQL's Int failed the API's
// variable coercion and answered 500).
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
let activityId: string;

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
  activityId = (
    await p.processingActivity.create({
      data: {
        organisationId: emmen.id,
        name: 'Verwerking zoals opgeslagen',
        purpose: 'Zoals opgeslagen.',
        legalGround: 'PUBLIC_TASK',
        dataSubjects: 'Inwoners',
        personalData: 'Naam',
        retention: '1 jaar.',
      },
    })
  ).id;
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
  activity: await db.db.prisma.processingActivity.findUniqueOrThrow({
    where: { id: activityId },
    select: { name: true, purpose: true, revision: true },
  }),
  activities: await db.db.prisma.processingActivity.count(),
  audit: await db.db.prisma.auditEvent.count(),
});

/** The register form's fields as a browser posts them. */
const activityForm = (name: string) => ({
  name,
  purpose: 'Aangepast doel.',
  legalGround: 'PUBLIC_TASK',
  role: 'CONTROLLER',
  dataSubjects: 'Inwoners',
  personalData: 'Naam',
  retention: '2 jaar.',
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

  it('on the register’s activity form answers the form again with the Dutch message, nothing changed', async () => {
    const before = await stored();
    // Empty too: a stored activity's form always posts the revision it read.
    for (const revision of TAMPERED) {
      const response = await post(`/organisaties/emmen/verwerkingen/${activityId}`, {
        revision,
        ...activityForm('Aangepaste verwerking'),
      });
      expect(response.status, revision).toBe(400);
      const html = await response.text();
      expect(html, revision).toContain(MESSAGE);
      // The form shows what is stored, not what was posted.
      expect(html, revision).toContain('value="Verwerking zoals opgeslagen"');
      expect(html, revision).not.toContain('Aangepaste verwerking');
    }
    expect(await stored()).toEqual(before);
  });

  it('on the register’s delete form answers the same, and the activity stays', async () => {
    const before = await stored();
    for (const revision of TAMPERED) {
      const response = await post(`/organisaties/emmen/verwerkingen/${activityId}`, { actie: 'verwijderen', revision });
      expect(response.status, revision).toBe(400);
      expect(await response.text(), revision).toContain(MESSAGE);
    }
    expect(await stored()).toEqual(before);
  });

  it('on the register’s form for a new activity ignores the revision it has no use for', async () => {
    for (const revision of TAMPERED) {
      const name = `Nieuwe verwerking ${revision || 'leeg'}`;
      const response = await post('/organisaties/emmen/verwerkingen/nieuw', { revision, ...activityForm(name) });
      expect(response.status, revision).toBe(303);
      expect(await db.db.prisma.processingActivity.count({ where: { name } }), revision).toBe(1);
    }
    // And "nieuw" has nothing to delete: such a post is a new activity without its fields, refused in Dutch.
    const before = await stored();
    const response = await post('/organisaties/emmen/verwerkingen/nieuw', { actie: 'verwijderen', revision: '' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Noem ten minste één categorie persoonsgegevens.');
    expect(await stored()).toEqual(before);
  });

  it('leaves the right revision working', async () => {
    const saved = await post(`/organisaties/emmen/verwerkingen/${activityId}`, {
      revision: '1',
      ...activityForm('Verwerking zoals gewijzigd'),
    });
    expect(saved.status).toBe(303);
    expect((await stored()).activity).toMatchObject({ name: 'Verwerking zoals gewijzigd', revision: 2 });
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
