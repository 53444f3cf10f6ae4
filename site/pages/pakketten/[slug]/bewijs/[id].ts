// The file of an evidence document (site/lib/evidence-download.ts): for the readers its visibility names, else 404.
import type { APIRoute } from 'astro';
import { evidenceDownload } from '#site/lib/evidence-download.ts';
import { requestContext } from '#site/lib/hub.ts';

export const GET: APIRoute = async ({ params, locals }) =>
  evidenceDownload(await requestContext(locals.viewer), params.slug ?? '', params.id ?? '');
