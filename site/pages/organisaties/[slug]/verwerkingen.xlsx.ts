// Download of an organisation's register of processing activities as an Excel workbook.
import { registerDownload } from '#site/lib/download.ts';

export const GET = registerDownload('registerXlsx');
