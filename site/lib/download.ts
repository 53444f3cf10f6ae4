// A landscape file for download, read through the GraphQL field the API offers for it.
import type { APIRoute } from 'astro';
import { execute } from '#graphql/execute.ts';
import { graphql } from './graphql/index.ts';
import { requestContext } from './hub.ts';

// One document per download, each naming its field `body`.
const documents = {
  ameff: graphql(`query DownloadAmeff($slug: String!) { organisation(slug: $slug) { body: ameff } }`),
  usagesCsv: graphql(`query DownloadUsagesCsv($slug: String!) { organisation(slug: $slug) { body: usagesCsv } }`),
  usagesXlsx: graphql(`query DownloadUsagesXlsx($slug: String!) { organisation(slug: $slug) { body: usagesXlsx } }`),
  interfacesCsv: graphql(`query DownloadInterfacesCsv($slug: String!) { organisation(slug: $slug) { body: interfacesCsv } }`),
  contentYaml: graphql(`query DownloadContentYaml($slug: String!) { organisation(slug: $slug) { body: contentYaml } }`),
};

/** An endpoint serving `Organisation.<field>` as an attachment; base64 fields (binary files) are decoded first. */
export function organisationDownload(field: keyof typeof documents, contentType: string, suffix: string, encoding: 'text' | 'base64' = 'text'): APIRoute {
  return async ({ params, locals }) => {
    const slug = params.slug ?? '';
    const data = await execute(await requestContext(locals.viewer), documents[field], { slug });
    if (!data.organisation) return new Response('Deze organisatie bestaat niet.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const body = data.organisation.body ?? '';
    return new Response(encoding === 'base64' ? Buffer.from(body, 'base64') : body, {
      headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="grondplan-${slug}-${suffix}"` },
    });
  };
}
