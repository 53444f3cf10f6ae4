// Download of the GEMMA model as an ArchiMate exchange file, to open in Archi or read back after editing.
import type { APIRoute } from 'astro';
import { gemmaDownload } from '#site/lib/download.ts';
import { requestContext } from '#site/lib/hub.ts';

export const GET: APIRoute = async ({ locals }) => gemmaDownload(await requestContext(locals.viewer));
