// Serves the GraphQL API (and GraphiQL for browsers) at /graphql through the shared Yoga instance. In the built hub,
// JSON posts reach Yoga directly (site/server/entry.ts); this route answers the rest (GraphiQL, and `astro dev`).
import type { APIRoute } from 'astro';
import { graphqlServer } from '../lib/hub.ts';

// Yoga answers with its own fetch implementation's Response (the fast one on Node's own server); Astro sends the platform's.
export const ALL: APIRoute = async ({ request, clientAddress }) => {
  const response = await (await graphqlServer()).fetch(request, { clientAddress });
  return new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers });
};
