// Serves the GraphQL API (and GraphiQL for browsers) at /graphql through the shared Yoga instance. In the built hub,
// JSON posts reach Yoga directly (site/server/entry.ts); this route answers the rest (GraphiQL, and `astro dev`).
import type { APIRoute } from 'astro';
import { requestAddress } from '#core/client-address.ts';
import { GRAPHIQL_OPTIONS, renderDutchGraphiQL } from '#graphql/graphiql.ts';
import { graphqlServer } from '../lib/hub.ts';
import { graphiqlPolicy } from '../server/security-headers.ts';

let graphiql: string | undefined;

// Yoga answers with its own fetch implementation's Response (the fast one on Node's own server); Astro sends the platform's.
// The client address is the one the server entry recorded (core/client-address.ts), not Astro's, which trusts X-Forwarded-For.
export const ALL: APIRoute = async ({ request, clientAddress }) => {
  const response = await (await graphqlServer()).fetch(request, {
    clientAddress: requestAddress(request, clientAddress),
  });
  const headers = new Headers(response.headers);
  // GraphiQL is the one HTML page Yoga serves; it runs under its own policy, made from the page the renderer makes.
  if (/^text\/html\b/.test(headers.get('content-type') ?? '')) {
    graphiql ??= graphiqlPolicy(await renderDutchGraphiQL({ ...GRAPHIQL_OPTIONS }));
    headers.set('content-security-policy', graphiql);
  }
  // A preflight's 204 (and any answer to HEAD) has no body: a Response with one, even empty, cannot be made.
  const body =
    response.status === 204 || response.status === 304 || request.method === 'HEAD'
      ? null
      : await response.arrayBuffer();
  return new Response(body, { status: response.status, headers });
};
