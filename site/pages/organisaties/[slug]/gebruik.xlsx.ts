// Download of a landscape's usages as an Excel workbook.
import { organisationDownload } from '#site/lib/download.ts';

export const GET = organisationDownload('usagesXlsx');
