// The server's shared instances: its one database connection, its one GraphQL server (the /graphql route and the
// direct path in site/server/entry.ts share its parse, validation and answer caches), and the request context pages
// pass to the GraphQL schema.
import type { YogaServerInstance } from 'graphql-yoga';
import type { Context } from '../../graphql/context.ts';
import { createGraphQLServer } from '../../graphql/yoga.ts';
import { type Database, openDatabase } from '../../prisma/client.ts';

let database: Promise<Database> | undefined;
let graphql: Promise<YogaServerInstance<Record<string, unknown>, Context>> | undefined;

export function hubDatabase(): Promise<Database> {
  database ??= openDatabase();
  return database;
}

export function graphqlServer(): Promise<YogaServerInstance<Record<string, unknown>, Context>> {
  graphql ??= hubDatabase().then(createGraphQLServer);
  return graphql;
}

export async function requestContext(viewer: Context['viewer'] = null, clientAddress: string | null = null): Promise<Context> {
  return { db: await hubDatabase(), viewer, source: 'UI', clientAddress };
}
