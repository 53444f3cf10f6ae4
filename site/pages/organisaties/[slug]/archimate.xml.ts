// Download of a landscape as an ArchiMate exchange file; with ?datum=YYYY-MM-DD the landscape of that day as a plateau.
import type { APIRoute } from 'astro';
import { archimateDownload } from '#site/lib/download.ts';
import { requestContext } from '#site/lib/hub.ts';

export const GET: APIRoute = async ({ params, url, locals }) =>
  archimateDownload(await requestContext(locals.viewer), params.slug ?? '', url.searchParams.get('datum'));
