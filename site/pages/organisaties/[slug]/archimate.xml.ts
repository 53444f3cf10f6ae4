// Download of a landscape as an ArchiMate exchange file.
import { organisationDownload } from '#site/lib/download.ts';

export const GET = organisationDownload('ameff');
