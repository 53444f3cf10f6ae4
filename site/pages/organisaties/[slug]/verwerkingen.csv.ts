// Download of an organisation's register of processing activities as CSV (its members only; others get the header).
import { registerDownload } from '#site/lib/download.ts';

export const GET = registerDownload('registerCsv');
