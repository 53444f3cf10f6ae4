// A user's sessions are theirs alone: their browsers and addresses reach no one else (not the organisation's admin,
// not an instance administrator), no one else can end them, and the id that names a session is never its cookie or
// the cookie's hash. The sentinel walk (private-data.test.ts) reads every field with such sessions planted too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, sha256 } from '#core/auth.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { findSentinels, sessionSentinel } from '../helpers/sentinels.ts';
import { createUser, type TestUser } from '../helpers/users.ts';

let t: TestDatabase;
let owner: TestUser;
let ownCookie: string;
const readers: Record<string, TestUser> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await createUser(t.db, 'eigenaar@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
  readers.colleague = await createUser(t.db, 'collega@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
  readers['organisation admin'] = await createUser(t.db, 'beheer@emmen.test', [
    { organisation: 'emmen', role: 'ADMIN' },
  ]);
  readers['instance admin'] = await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true });
  ownCookie = (await openSession(t.db.prisma, owner.id, { ...sessionSentinel('emmen', 1), method: 'PASSWORD' })).token;
  await openSession(t.db.prisma, owner.id, { ...sessionSentinel('emmen', 2), method: 'OIDC' });
  // The readers have sessions of their own, so their lists are not empty.
  for (const reader of Object.values(readers))
    await openSession(t.db.prisma, reader.id, {
      userAgent: 'Mozilla/5.0 Firefox/133.0',
      address: '192.0.2.1',
      method: 'PASSWORD',
    });
});
afterAll(() => t?.drop());

const SESSIONS =
  '{ viewer { sessions { id device userAgent address method createdAt lastSeenAt expiresAt current } } }';
const EVERYTHING_ABOUT_PEOPLE = `{
  viewer { sessions { id device userAgent address method } }
  organisation(slug: "emmen") { users { email name role } }
  auditEvents(first: 100) { edges { node { entityType action description changes { field before after } } } }
}`;

describe('sessions of another user', () => {
  it('never reach a colleague, the organisation admin or an instance administrator', async () => {
    for (const [who, reader] of Object.entries(readers)) {
      const answer = JSON.stringify(await graphqlClient(t.db, reader.token)(EVERYTHING_ABOUT_PEOPLE));
      expect(answer, who).toContain('"sessions":[{');
      expect(findSentinels(answer), who).toEqual([]);
    }
  });

  it('are the owner’s to see: the sentinels come back to the owner, so the check above can fail', async () => {
    const answer = JSON.stringify(await graphqlClient(t.db, owner.token)(SESSIONS));
    expect(findSentinels(answer).sort()).toEqual([
      '2001:db8:5e27:1::1',
      '2001:db8:5e27:2::1',
      'SENTINEL-UA-emmen',
      'SENTINEL-UA-emmen',
    ]);
  });

  it('cannot be ended by anyone else, the instance administrator included', async () => {
    const ids =
      (
        await graphqlClient(t.db, owner.token)<{ viewer: { sessions: { id: string }[] } }>(SESSIONS)
      ).data?.viewer.sessions.map((s) => s.id) ?? [];
    expect(ids).toHaveLength(2);
    for (const [who, reader] of Object.entries(readers)) {
      const gql = graphqlClient(t.db, reader.token);
      for (const id of ids) {
        const res = await gql<{ endSession: { __typename: string } }>(
          'mutation($id: ID!) { endSession(id: $id) { __typename } }',
          { id },
        );
        expect(res.data?.endSession.__typename, who).toBe('NotFoundError');
      }
      await gql('mutation { endOtherSessions { __typename } }');
    }
    expect(await t.db.prisma.session.count({ where: { userId: owner.id } })).toBe(2);
  });

  it('are named by an id that is neither the cookie nor its hash, in every answer and audit entry', async () => {
    const gql = graphqlClient(t.db, owner.token);
    const listed = await gql<{ viewer: { sessions: { id: string }[] } }>(SESSIONS);
    const [other] = (listed.data?.viewer.sessions ?? []).filter((s) => s.id !== '');
    await gql('mutation($id: ID!) { endSession(id: $id) { __typename } }', { id: other?.id });
    const hashes = (await t.db.prisma.session.findMany({ select: { id: true } })).map((s) => s.id);
    const answers = JSON.stringify([listed, await gql(EVERYTHING_ABOUT_PEOPLE)]);
    for (const hash of [...hashes, sha256(ownCookie)]) expect(answers).not.toContain(hash);
    expect(answers).not.toContain(ownCookie);
    const audit = JSON.stringify(await t.db.prisma.auditEvent.findMany({ where: { entityType: 'Session' } }));
    expect(audit).toContain('SESSION_END');
    expect(audit).not.toContain(sha256(ownCookie));
    expect(audit).not.toContain(other?.id);
  });
});
