// Download of the compared landscapes side by side as one ArchiMate exchange file.
import type { APIRoute } from 'astro';
import { MAX_COMPARED } from '#core/exchange/ameff.ts';
import { execute } from '#graphql/execute.ts';
import { graphql } from '#site/lib/graphql/index.ts';
import { requestContext } from '#site/lib/hub.ts';

export const GET: APIRoute = async ({ url, locals }) => {
  const organisations = [...new Set(url.searchParams.getAll('org'))];
  const plain = { 'content-type': 'text/plain; charset=utf-8' };
  if (organisations.length === 0 || organisations.length > MAX_COMPARED)
    return new Response(`Kies 1 tot ${MAX_COMPARED} organisaties (?org=...).`, { status: 400, headers: plain });
  const data = await execute(
    await requestContext(locals.viewer),
    graphql(`query ComparisonDownload($organisations: [String!]!) { comparisonAmeff(organisations: $organisations) }`),
    { organisations },
  );
  if (data.comparisonAmeff === null) return new Response('Een van de organisaties bestaat niet.', { status: 404, headers: plain });
  return new Response(data.comparisonAmeff, {
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="grondplan-vergelijking-${[...organisations].sort().join('-')}-archimate.xml"`,
    },
  });
};
