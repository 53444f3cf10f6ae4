// Download of the compared landscapes side by side as one ArchiMate exchange file; with ?datum= those of that day.
import type { APIRoute } from 'astro';
import { comparisonDownload } from '#site/lib/download.ts';
import { requestContext } from '#site/lib/hub.ts';

export const GET: APIRoute = async ({ url, locals }) =>
  comparisonDownload(
    await requestContext(locals.viewer),
    url.searchParams.getAll('org'),
    url.searchParams.get('datum'),
  );
