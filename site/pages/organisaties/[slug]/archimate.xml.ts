// Download of a landscape as an ArchiMate exchange file, through the same GraphQL field the API offers.
import type { APIRoute } from 'astro';
import { execute, gql } from '../../../../graphql/execute.ts';
import { requestContext } from '../../../lib/hub.ts';

export const GET: APIRoute = async ({ params, locals }) => {
  const slug = params.slug ?? '';
  const data = await execute<{ organisation: { ameff: string } | null }>(
    await requestContext(locals.viewer),
    gql`query Ameff($slug: String!) { organisation(slug: $slug) { ameff } }`,
    { slug },
  );
  if (!data.organisation) return new Response('Deze organisatie bestaat niet.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(data.organisation.ameff, {
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="grondplan-${slug}-archimate.xml"`,
    },
  });
};
