// Download of a landscape's usages as Softwarecatalogus-style CSV, through the same GraphQL field the API offers.
import type { APIRoute } from 'astro';
import { execute, gql } from '../../../../graphql/execute.ts';
import { requestContext } from '../../../lib/hub.ts';

export const GET: APIRoute = async ({ params, locals }) => {
  const slug = params.slug ?? '';
  const data = await execute<{ organisation: { usagesCsv: string } | null }>(
    await requestContext(locals.viewer),
    gql`query UsagesCsv($slug: String!) { organisation(slug: $slug) { usagesCsv } }`,
    { slug },
  );
  if (!data.organisation) return new Response('Deze organisatie bestaat niet.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(data.organisation.usagesCsv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="grondplan-${slug}-gebruik.csv"` },
  });
};
