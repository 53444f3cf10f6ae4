// Download of a landscape as an ArchiMate exchange file.
import { organisationDownload } from '#site/lib/download.ts';

export const GET = organisationDownload('ameff', 'application/xml; charset=utf-8', 'archimate.xml');
