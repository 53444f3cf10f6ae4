// The server's one database connection and the request context pages pass to the GraphQL schema.
import type { Context } from '../../graphql/context.ts';
import { type Database, openDatabase } from '../../prisma/client.ts';

let database: Promise<Database> | undefined;

export function hubDatabase(): Promise<Database> {
  database ??= openDatabase();
  return database;
}

export async function requestContext(viewer: Context['viewer'] = null): Promise<Context> {
  return { db: await hubDatabase(), viewer, source: 'UI' };
}
