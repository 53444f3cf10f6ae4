// Download of a landscape's usages as an Excel workbook, through the same GraphQL field the API offers.
import type { APIRoute } from 'astro';
import { execute, gql } from '../../../../graphql/execute.ts';
import { requestContext } from '../../../lib/hub.ts';

export const GET: APIRoute = async ({ params, locals }) => {
  const slug = params.slug ?? '';
  const data = await execute<{ organisation: { usagesXlsx: string } | null }>(
    await requestContext(locals.viewer),
    gql`query UsagesXlsx($slug: String!) { organisation(slug: $slug) { usagesXlsx } }`,
    { slug },
  );
  if (!data.organisation) return new Response('Deze organisatie bestaat niet.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(Buffer.from(data.organisation.usagesXlsx, 'base64'), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="grondplan-${slug}-gebruik.xlsx"`,
    },
  });
};
