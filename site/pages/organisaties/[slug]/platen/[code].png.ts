// Download of a landscape drawn on a GEMMA view, as PNG (rendered on the server).
import { organisationViewDownload } from '#site/lib/download.ts';

export const GET = organisationViewDownload('png');
