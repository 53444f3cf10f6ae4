// Download of a landscape's koppelingen as CSV.
import { organisationDownload } from '#site/lib/download.ts';

export const GET = organisationDownload('interfacesCsv');
