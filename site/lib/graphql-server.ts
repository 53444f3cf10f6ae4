// The hub's one Yoga instance over its database: the /graphql route and the server's direct path (site/server.ts)
// share it, and with it the parse, validation and answer caches.
import type { YogaServerInstance } from 'graphql-yoga';
import type { Context } from '../../graphql/context.ts';
import { createGraphQLServer } from '../../graphql/yoga.ts';
import { hubDatabase } from './hub.ts';

let server: Promise<YogaServerInstance<Record<string, unknown>, Context>> | undefined;

export function graphqlServer(): Promise<YogaServerInstance<Record<string, unknown>, Context>> {
  server ??= hubDatabase().then(createGraphQLServer);
  return server;
}
