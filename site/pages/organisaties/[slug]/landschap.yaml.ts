// Download of a landscape in the content/landscapes file format.
import { organisationDownload } from '#site/lib/download.ts';

export const GET = organisationDownload('contentYaml');
