// Download of an organisation's statement of applicability as CSV (semicolons, as Excel-NL opens it).
import { organisationVvtDownload } from '#site/lib/download.ts';

export const GET = organisationVvtDownload('csv');
