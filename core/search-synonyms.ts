// Other names for GEMMA reference components ("zaaksysteem", "DMS", "CMS"), curated in content/search-synonyms.json5
// and read once at load. Search matches these as it matches a component's own name, and then finds the products that
// realise the component and their usages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '#prisma/database.ts';

/** The curated file, beside the rest of the content. */
const SYNONYMS_FILE = path.join(projectRoot, 'content', 'search-synonyms.json5');

const componentSynonyms = z.record(
  z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'GEMMA object id'),
  z.array(z.string().min(1)).min(1),
);

/**
 * The file's GEMMA object ids with their other names. Its line comments are dropped; the rest (JSON with single
 * quotes and trailing commas) is YAML's flow style, read by the YAML parser and checked by the schema.
 */
function readSynonyms(text: string): Readonly<Record<string, readonly string[]>> {
  return componentSynonyms.parse(parse(text.replace(/^\s*\/\/.*$/gm, '')));
}

/** GEMMA object id -> other names. */
export const COMPONENT_SYNONYMS = readSynonyms(readFileSync(SYNONYMS_FILE, 'utf8'));
