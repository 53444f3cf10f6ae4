// Evidence documents through the API: editors of an organisation that uses the product upload a file (multipart) or
// a link; the file is checked on its content; each list holds only what the reader may read by the visibility; every
// change is audited on the owner's trail; changes go at a revision.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_AN_EVIDENCE_FILE } from '#core/evidence-file.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
const tokens = {} as Record<'editor' | 'viewer' | 'coevorden' | 'coevordenEditor' | 'borger' | 'admin', string>;

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'evidence', name));

beforeAll(async () => {
  t = await createTestDatabase();
  const user = async (email: string, organisation: string, role: 'VIEWER' | 'EDITOR') =>
    (await createUser(t.db, email, [{ organisation, role }])).token;
  tokens.editor = await user('editor@emmen.test', 'emmen', 'EDITOR');
  tokens.viewer = await user('viewer@emmen.test', 'emmen', 'VIEWER');
  tokens.coevorden = await user('lezer@coevorden.test', 'coevorden', 'VIEWER');
  tokens.coevordenEditor = await user('editor@coevorden.test', 'coevorden', 'EDITOR');
  tokens.borger = await user('lezer@borger.test', 'borger-odoorn', 'VIEWER');
  tokens.admin = (await createUser(t.db, 'beheer@test', [], { instanceAdmin: true })).token;
});
afterAll(() => t?.drop());

const RESULT = '__typename ... on Error { message } ... on ValidationError { problems { path message } }';
const CONFLICT = '... on ConflictError { currentRevision }';
const CREATE = `mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { ${RESULT}
  ... on CreateEvidenceSuccess { data { id key revision title visibility file { name contentType size sha256 } link } } } }`;
const UPDATE = `mutation($input: UpdateEvidenceInput!) { updateEvidence(input: $input) { ${RESULT} ${CONFLICT}
  ... on UpdateEvidenceSuccess { data { revision title link file { name } partners { slug } } } } }`;
const DELETE = `mutation($id: ID!, $r: Int!) { deleteEvidence(id: $id, revision: $r) { __typename ... on Error { message } ${CONFLICT} } }`;

type Answer = Record<string, unknown> & {
  __typename: string;
  data?: { id: string; key: string; revision: number; file: { sha256: string } | null };
  problems?: { path: string[]; message: string }[];
};

/** A mutation as a multipart request (the GraphQL multipart request spec), with the file at `input.file`. */
async function send(token: string | null, query: string, input: Record<string, unknown>, file?: File) {
  const body = new FormData();
  body.set('operations', JSON.stringify({ query, variables: { input: { ...input, file: null } } }));
  body.set('map', JSON.stringify(file ? { 0: ['variables.input.file'] } : {}));
  if (file) body.set('0', file);
  const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
    method: 'POST',
    body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const json = (await response.json()) as { data: Record<string, Answer> };
  if (!json.data) throw new Error(JSON.stringify(json));
  return Object.values(json.data ?? {})[0] as Answer;
}

const pdf = () => new File([fixture('certificaat.pdf')], 'ISO 27001 Open Zaak.pdf', { type: 'application/pdf' });
const document = (extra: Record<string, unknown> = {}) => ({
  organisation: 'emmen',
  product: 'open-zaak',
  kind: 'ISO27001',
  title: 'ISO 27001-certificaat Open Zaak',
  issuer: 'Certificeerder B.V.',
  scope: 'Hosting en beheer',
  validFrom: '2026-01-01',
  validUntil: '2028-12-31',
  visibility: 'OWN',
  ...extra,
});

const READ = `query($o: String!, $k: String!) {
  product(slug: "open-zaak") { evidence { title } }
  organisation(slug: $o) { evidence { title } }
  usage(organisation: $o, key: $k) { evidence { title } } }`;
async function titlesFor(token: string | undefined, organisation: string) {
  const usage = await t.db.prisma.usage.findFirstOrThrow({
    where: { organisation: { slug: organisation }, product: { slug: 'open-zaak' } },
    select: { key: true },
  });
  const { data } = await graphqlClient(t.db, token)<{
    product: { evidence: { title: string }[] };
    organisation: { evidence: { title: string }[] };
    usage: { evidence: { title: string }[] } | null;
  }>(READ, { o: organisation, k: usage.key });
  return {
    product: data?.product?.evidence.map((e) => e.title) ?? null,
    organisation: data?.organisation?.evidence.map((e) => e.title) ?? null,
    usage: data?.usage?.evidence.map((e) => e.title) ?? null,
  };
}

describe('adding a document', () => {
  it('stores a PDF with its detected type, size and hash, and audits it on the owner’s trail', async () => {
    const created = await send(tokens.editor, CREATE, document(), pdf());
    expect(created).toMatchObject({
      __typename: 'CreateEvidenceSuccess',
      data: {
        revision: 1,
        visibility: 'OWN',
        link: null,
        file: {
          name: 'ISO 27001 Open Zaak.pdf',
          contentType: 'application/pdf',
          size: fixture('certificaat.pdf').length,
        },
      },
    });
    const stored = await t.db.prisma.evidenceFile.findUniqueOrThrow({ where: { evidenceId: created.data?.key } });
    expect(Buffer.from(stored.bytes).equals(fixture('certificaat.pdf'))).toBe(true);
    const events = await t.db.prisma.auditEvent.findMany({ where: { entityType: 'Evidence', action: 'CREATE' } });
    expect(events.map((e) => [e.entityId, e.organisationId])).toEqual([
      [created.data?.id, (await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } })).id],
    ]);
  });

  it('refuses a program named .pdf, a zip named .docx and a product the organisation does not use, storing nothing', async () => {
    const before = [await t.db.prisma.evidence.count(), await t.db.prisma.auditEvent.count()];
    for (const name of ['programma.exe.pdf', 'pagina.html.pdf', 'archief.zip.docx']) {
      const refused = await send(tokens.editor, CREATE, document(), new File([fixture(name)], name));
      expect(refused).toMatchObject({
        __typename: 'ValidationError',
        problems: [{ path: ['input', 'file'], message: NOT_AN_EVIDENCE_FILE }],
      });
    }
    const unused = await send(tokens.editor, CREATE, document({ product: 'ibabs' }), pdf());
    expect(unused.problems?.[0]?.message).toMatch(/^Je organisatie gebruikt dit pakket niet\./);
    const neither = await send(tokens.editor, CREATE, document());
    expect(neither.problems?.map((p) => p.path.at(-1))).toEqual(['file']);
    const http = await send(tokens.editor, CREATE, document({ link: 'http://leverancier.example/iso.pdf' }));
    expect(http.problems?.map((p) => p.message)).toEqual(['Een link begint met https:// en bevat geen spaties.']);
    expect([await t.db.prisma.evidence.count(), await t.db.prisma.auditEvent.count()]).toEqual(before);
  });

  it('lets only the owner’s editors add one', async () => {
    for (const token of [tokens.viewer, tokens.coevordenEditor, tokens.admin])
      expect((await send(token, CREATE, document(), pdf())).__typename).toBe('ForbiddenError');
    expect((await send(null, CREATE, document(), pdf())).__typename).toBe('ForbiddenError');
  });
});

describe('who reads a document', () => {
  it('keeps OWN with the owner, NAMED with the named partners, and ALL_MEMBERS for every member', async () => {
    await send(
      tokens.editor,
      CREATE,
      document({ title: 'Gedeeld met Coevorden', visibility: 'NAMED', partners: ['coevorden'] }),
      pdf(),
    );
    await send(
      tokens.editor,
      CREATE,
      document({ title: 'Voor iedereen', visibility: 'ALL_MEMBERS', link: 'https://leverancier.example/tpm' }),
    );
    // All three valid until the same day: by title.
    const own = 'ISO 27001-certificaat Open Zaak';
    expect(await titlesFor(tokens.viewer, 'emmen')).toEqual({
      product: ['Gedeeld met Coevorden', own, 'Voor iedereen'],
      organisation: ['Gedeeld met Coevorden', own, 'Voor iedereen'],
      usage: ['Gedeeld met Coevorden', own, 'Voor iedereen'],
    });
    // Coevorden uses Open Zaak too: the shared documents appear on its own usage and evidence list.
    expect(await titlesFor(tokens.coevorden, 'coevorden')).toEqual({
      product: ['Gedeeld met Coevorden', 'Voor iedereen'],
      organisation: ['Gedeeld met Coevorden', 'Voor iedereen'],
      usage: ['Gedeeld met Coevorden', 'Voor iedereen'],
    });
    expect(await titlesFor(tokens.borger, 'borger-odoorn')).toEqual({
      product: ['Voor iedereen'],
      organisation: ['Voor iedereen'],
      usage: ['Voor iedereen'],
    });
    // Emmen's own page read by Borger-Odoorn: only what both may read.
    expect((await titlesFor(tokens.borger, 'emmen')).organisation).toEqual(['Voor iedereen']);
    const { data } = await graphqlClient(t.db)<{ product: { evidence: unknown[] } }>(
      '{ product(slug: "open-zaak") { evidence { title } } }',
    );
    expect(data?.product.evidence).toEqual([]);
    expect((await titlesFor(tokens.admin, 'emmen')).product).toEqual([]);
  });

  it('shows on an organisation’s lists, to a reader from elsewhere, no third organisation’s document shared by name', async () => {
    const coevorden = (title: string, extra: Record<string, unknown>) =>
      send(
        tokens.coevordenEditor,
        CREATE,
        document({ organisation: 'coevorden', title, link: 'https://leverancier.example/coevorden', ...extra }),
      );
    const named = 'Coevorden aan Emmen en Borger-Odoorn';
    for (const answer of [
      await coevorden(named, { visibility: 'NAMED', partners: ['emmen', 'borger-odoorn'] }),
      await coevorden('TPM Coevorden voor iedereen', { visibility: 'ALL_MEMBERS' }),
    ])
      expect(answer.__typename).toBe('CreateEvidenceSuccess');
    // Borger-Odoorn reads the document on the product and its own lists...
    expect(await titlesFor(tokens.borger, 'borger-odoorn')).toEqual({
      product: [named, 'TPM Coevorden voor iedereen', 'Voor iedereen'],
      organisation: [named, 'TPM Coevorden voor iedereen', 'Voor iedereen'],
      usage: [named, 'TPM Coevorden voor iedereen', 'Voor iedereen'],
    });
    // ...but Emmen's lists do not tell it that Coevorden named Emmen too: Emmen's own documents and those for everyone.
    const onEmmen = await titlesFor(tokens.borger, 'emmen');
    expect([onEmmen.organisation, onEmmen.usage]).toEqual([
      ['TPM Coevorden voor iedereen', 'Voor iedereen'],
      ['TPM Coevorden voor iedereen', 'Voor iedereen'],
    ]);
    // Emmen's members see everything shared with Emmen, as before; Coevorden sees its own document on Emmen's lists.
    const own = 'ISO 27001-certificaat Open Zaak';
    const emmen = [named, 'Gedeeld met Coevorden', own, 'TPM Coevorden voor iedereen', 'Voor iedereen'];
    expect(await titlesFor(tokens.viewer, 'emmen')).toEqual({ product: emmen, organisation: emmen, usage: emmen });
    const byCoevorden = await titlesFor(tokens.coevorden, 'emmen');
    expect([byCoevorden.organisation, byCoevorden.usage]).toEqual([
      [named, 'Gedeeld met Coevorden', 'TPM Coevorden voor iedereen', 'Voor iedereen'],
      [named, 'Gedeeld met Coevorden', 'TPM Coevorden voor iedereen', 'Voor iedereen'],
    ]);
  });
});

describe('the products an organisation may add evidence to', () => {
  it('are listed to its members only: an anonymous visitor or another organisation’s member learns nothing', async () => {
    const query = '{ organisation(slug: "emmen") { evidenceProducts { slug } } }';
    const products = async (token: string | undefined) => {
      type Answer = { organisation: { evidenceProducts: { slug: string }[] } };
      const { data, errors } = await graphqlClient(t.db, token)<Answer>(query);
      expect(errors).toBeUndefined();
      return data?.organisation.evidenceProducts.map((p) => p.slug);
    };
    const used = await t.db.prisma.product.findMany({
      where: { usages: { some: { organisation: { slug: 'emmen' } } } },
      select: { slug: true },
    });
    expect(used.map((p) => p.slug)).toContain('open-zaak');
    expect(await products(tokens.viewer)).toEqual(expect.arrayContaining(used.map((p) => p.slug)));
    expect(await products(tokens.editor)).toHaveLength(used.length);
    expect(await products(undefined)).toEqual([]);
    expect(await products(tokens.coevordenEditor)).toEqual([]);
    expect(await products(tokens.admin)).toEqual([]);
  });
});

describe('changing and deleting', () => {
  it('changes at the revision read, keeps the file without a new one, replaces it by a link, and deletes', async () => {
    const created = await send(tokens.editor, CREATE, document({ title: 'Pentest 2026', kind: 'PENTEST' }), pdf());
    const id = created.data?.id;
    const same = {
      ...document({ title: 'Pentest 2026 (samenvatting)', kind: 'PENTEST' }),
      organisation: undefined,
      product: undefined,
    };
    const kept = await send(tokens.editor, UPDATE, { ...same, id, revision: 1 });
    expect(kept).toMatchObject({
      data: { revision: 2, title: 'Pentest 2026 (samenvatting)', file: { name: 'ISO 27001 Open Zaak.pdf' } },
    });
    const stale = await send(tokens.editor, UPDATE, { ...same, id, revision: 1 });
    expect(stale).toMatchObject({ __typename: 'ConflictError', currentRevision: 2 });
    expect((await send(tokens.coevordenEditor, UPDATE, { ...same, id, revision: 2 })).__typename).toBe('NotFoundError');
    expect((await send(tokens.viewer, UPDATE, { ...same, id, revision: 2 })).__typename).toBe('ForbiddenError');
    const linked = await send(tokens.editor, UPDATE, {
      ...same,
      id,
      revision: 2,
      link: 'https://leverancier.example/pentest',
    });
    expect(linked).toMatchObject({ data: { revision: 3, link: 'https://leverancier.example/pentest', file: null } });
    expect(await t.db.prisma.evidenceFile.count({ where: { evidenceId: created.data?.key } })).toBe(0);
    const docx = new File([fixture('pentest.docx')], 'pentest.docx');
    const replaced = await send(
      tokens.editor,
      UPDATE,
      { ...same, id, revision: 3, visibility: 'NAMED', partners: ['borger-odoorn'] },
      docx,
    );
    expect(replaced).toMatchObject({
      data: { revision: 4, link: null, file: { name: 'pentest.docx' }, partners: [{ slug: 'borger-odoorn' }] },
    });
    const wrong = await graphqlClient(t.db, tokens.editor)(DELETE, { id, r: 3 });
    expect(JSON.stringify(wrong.data)).toContain('ConflictError');
    const deleted = await graphqlClient(t.db, tokens.editor)(DELETE, { id, r: 4 });
    expect(JSON.stringify(deleted.data)).toContain('DeleteEvidenceSuccess');
    expect(await t.db.prisma.evidence.count({ where: { id: created.data?.key } })).toBe(0);
    expect(await t.db.prisma.evidenceFile.count({ where: { evidenceId: created.data?.key } })).toBe(0);
    const actions = await t.db.prisma.auditEvent.findMany({
      where: { entityId: id ?? '' },
      orderBy: { createdAt: 'asc' },
      select: { action: true, revision: true },
    });
    expect(actions).toEqual([
      { action: 'CREATE', revision: 1 },
      { action: 'UPDATE', revision: 2 },
      { action: 'UPDATE', revision: 3 },
      { action: 'UPDATE', revision: 4 },
      { action: 'DELETE', revision: null },
    ]);
  });

  it('refuses someone who may not change a document before reading the file sent with the change', async () => {
    const created = await send(tokens.editor, CREATE, document({ title: 'Verwerkersovereenkomst' }), pdf());
    const change = { ...document({ title: 'Overgenomen' }), organisation: undefined, product: undefined };
    const input = { ...change, id: created.data?.id, revision: 1 };
    // A file that its check would refuse: who may not change the document gets the refusal of the change instead.
    const program = () => new File([fixture('programma.exe.pdf')], 'programma.exe.pdf');
    expect((await send(tokens.viewer, UPDATE, input, program())).__typename).toBe('ForbiddenError');
    // Who may not even read it learns nothing of it, as without a file.
    for (const token of [null, tokens.coevordenEditor])
      expect((await send(token, UPDATE, input, program())).__typename).toBe('NotFoundError');
    expect((await send(tokens.editor, UPDATE, { ...input, revision: 7 }, program())).__typename).toBe('ConflictError');
    expect((await send(tokens.coevordenEditor, CREATE, document(), program())).__typename).toBe('ForbiddenError');
    // The owner's editor gets the file's own refusal, and nothing changed.
    expect(await send(tokens.editor, UPDATE, input, program())).toMatchObject({
      __typename: 'ValidationError',
      problems: [{ path: ['input', 'file'], message: NOT_AN_EVIDENCE_FILE }],
    });
    const stored = await t.db.prisma.evidence.findUniqueOrThrow({ where: { id: created.data?.key } });
    expect([stored.revision, stored.title]).toEqual([1, 'Verwerkersovereenkomst']);
  });

  it('answers NotFoundError for an id of another type', async () => {
    const answer = await graphqlClient(t.db, tokens.editor)(DELETE, { id: 'VXNhZ2U6eA==', r: 1 });
    expect(JSON.stringify(answer.data)).toContain('NotFoundError');
  });
});
