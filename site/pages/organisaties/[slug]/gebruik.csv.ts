// Download of a landscape's usages as Softwarecatalogus-style CSV.
import { organisationDownload } from '#site/lib/download.ts';

export const GET = organisationDownload('usagesCsv');
