// Download of a landscape drawn on a GEMMA view, as SVG.
import { organisationViewDownload } from '#site/lib/download.ts';

export const GET = organisationViewDownload('svg');
