// The server's shared instances: its one database connection, its one GraphQL server (the /graphql route and the
// direct path in site/server/entry.ts share its parse, validation and answer caches), and the request context pages
// pass to the GraphQL schema, with the request's data version memo.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { YogaServerInstance } from 'graphql-yoga';
import { requestUserAgent } from '#core/auth.ts';
import { requestAddress } from '#core/client-address.ts';
import type { Context, DataVersionMemo } from '#core/context.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { type Database, openDatabase } from '#prisma/client.ts';

let database: Promise<Database> | undefined;
let graphql: Promise<YogaServerInstance<Record<string, unknown>, Context>> | undefined;

// A failed open (the database busy with an import for longer than the busy timeout, say) is not kept: the next request
// tries again, instead of every request failing until someone restarts the server.
export function hubDatabase(): Promise<Database> {
  database ??= openDatabase().catch((error: unknown) => {
    database = undefined;
    throw error;
  });
  return database;
}

export function graphqlServer(): Promise<YogaServerInstance<Record<string, unknown>, Context>> {
  graphql ??= hubDatabase()
    .then(createGraphQLServer)
    .catch((error: unknown) => {
      graphql = undefined;
      throw error;
    });
  return graphql;
}

/** The data version memo of the page request being served (set by the middleware for everything the page runs). */
const requestVersions = new AsyncLocalStorage<DataVersionMemo>();

/** Serves a page request with its data version memo: the page cache and every requestContext within share it. */
export function withDataVersion<T>(memo: DataVersionMemo, serve: () => Promise<T>): Promise<T> {
  return requestVersions.run(memo, serve);
}

/** Who is on the other end of a page request: the client address (throttling, sessions) and the browser (sessions). */
export type Visitor = Pick<Context, 'clientAddress' | 'userAgent'>;

/** The context of a page's GraphQL call; `visitor` is visitorOf(...) on pages that sign in, or the bare client address. */
export async function requestContext(
  viewer: Context['viewer'] = null,
  visitor: Visitor | string | null = null,
): Promise<Context> {
  const { clientAddress = null, userAgent = null } =
    typeof visitor === 'string' ? { clientAddress: visitor } : (visitor ?? {});
  const dataVersion = requestVersions.getStore();
  return { db: await hubDatabase(), viewer, source: 'UI', clientAddress, userAgent, dataVersion };
}

/** The visitor of a page request, for pages that sign someone in (a new session keeps its browser and address). */
export function visitorOf(request: Request, socketAddress: string | undefined): Visitor {
  return { clientAddress: requestAddress(request, socketAddress), userAgent: requestUserAgent(request) };
}
