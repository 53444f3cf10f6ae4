// The server's one database and GraphQL server (site/lib/hub.ts): a failed open is not kept, so the server recovers
// once the database can be opened (a database busy with an import past the busy timeout) without a restart.
import { expect, it, vi } from 'vitest';
import type { Database } from '#prisma/client.ts';

vi.mock('#prisma/client.ts', () => ({ openDatabase: vi.fn() }));
vi.mock('#graphql/yoga.ts', () => ({ createGraphQLServer: vi.fn((db: unknown) => ({ yogaOver: db })) }));
const { openDatabase } = await import('#prisma/client.ts');
const { graphqlServer, hubDatabase } = await import('#site/lib/hub.ts');

it('opens the database again after an open that failed, and keeps the one that succeeded', async () => {
  const db = { provider: 'sqlite' } as unknown as Database;
  vi.mocked(openDatabase).mockRejectedValueOnce(new Error('SqliteError: database is locked')).mockResolvedValueOnce(db);
  await expect(graphqlServer()).rejects.toThrow('database is locked');
  expect(await graphqlServer()).toEqual({ yogaOver: db });
  expect(await hubDatabase()).toBe(db);
  expect(openDatabase).toHaveBeenCalledTimes(2);
});
