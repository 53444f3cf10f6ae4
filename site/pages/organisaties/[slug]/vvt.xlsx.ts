// Download of an organisation's statement of applicability as an Excel workbook.
import { organisationVvtDownload } from '#site/lib/download.ts';

export const GET = organisationVvtDownload('xlsx');
