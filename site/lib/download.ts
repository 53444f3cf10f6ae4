// A landscape file for download, read through the GraphQL field the API offers for it.
import type { APIRoute } from 'astro';
import { execute } from '#graphql/execute.ts';
import { requestContext } from './hub.ts';

/** An endpoint serving `Organisation.<field>` as an attachment; base64 fields (binary files) are decoded first. */
export function organisationDownload(
  field: 'ameff' | 'usagesCsv' | 'usagesXlsx' | 'interfacesCsv' | 'contentYaml',
  contentType: string,
  suffix: string,
  encoding: 'text' | 'base64' = 'text',
): APIRoute {
  return async ({ params, locals }) => {
    const slug = params.slug ?? '';
    const data = await execute<{ organisation: Record<string, string> | null }>(
      await requestContext(locals.viewer),
      `query Download($slug: String!) { organisation(slug: $slug) { ${field} } }`,
      { slug },
    );
    if (!data.organisation) return new Response('Deze organisatie bestaat niet.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const body = data.organisation[field] ?? '';
    return new Response(encoding === 'base64' ? Buffer.from(body, 'base64') : body, {
      headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="grondplan-${slug}-${suffix}"` },
    });
  };
}
