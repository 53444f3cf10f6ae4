// Download of a landscape in the content/landscapes file format.
import { organisationDownload } from '#site/lib/download.ts';

export const GET = organisationDownload('contentYaml', 'application/yaml; charset=utf-8', 'landschap.yaml');
