// Serves the GraphQL API (and GraphiQL for browsers) at /graphql through the shared Yoga instance.
import type { APIRoute } from 'astro';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Context } from '../../graphql/context.ts';
import { createGraphQLServer } from '../../graphql/yoga.ts';
import { hubDatabase } from '../lib/hub.ts';

let yoga: YogaServerInstance<Record<string, unknown>, Context> | undefined;

export const ALL: APIRoute = async ({ request }) => {
  yoga ??= createGraphQLServer(await hubDatabase());
  // Yoga runs on the platform's fetch API (graphql/yoga.ts), so its Response is the one Astro sends.
  return yoga.fetch(request);
};
