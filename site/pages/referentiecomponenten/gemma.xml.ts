// Download of the GEMMA model as an ArchiMate exchange file, to open in Archi or read back after editing.
import type { APIRoute } from 'astro';
import { execute } from '#graphql/execute.ts';
import { graphql } from '#site/lib/graphql/index.ts';
import { requestContext } from '#site/lib/hub.ts';

export const GET: APIRoute = async ({ locals }) => {
  const data = await execute(await requestContext(locals.viewer), graphql(`query GemmaDownload { gemmaAmeff }`));
  return new Response(data.gemmaAmeff, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': 'attachment; filename="grondplan-gemma-archimate.xml"' },
  });
};
