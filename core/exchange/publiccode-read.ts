// Reads a publiccode.yml file: its YAML checked against the schema (with the Dutch extension), empty keys dropped, the repository address cleaned, the suppliers it names.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { webAddress } from '#prisma/web-address.ts';
import { isoDay } from '../dates.ts';
import { fileText } from './file-text.ts';
import type { NamedSupplier } from './matching.ts';
import type { RowProblem } from './usages-csv.ts';

const MAX_PUBLICCODE_BYTES = 1_000_000;

/** Common Ground's layer names in `nl.commonground.layerType`, as the componentencatalogus writes them. */
export const LAYER_TYPES = {
  interface: 'INTERACTION',
  process: 'PROCESS',
  integration: 'INTEGRATION',
  service: 'SERVICE',
  data: 'DATA',
} as const;

/** The top-level keys of publiccode.yml 0.2 to 0.4 (and the country sections); any other key is ignored with a warning. */
const STANDARD_KEYS = new Set([
  'publiccodeYmlVersion',
  'name',
  'applicationSuite',
  'url',
  'landingURL',
  'isBasedOn',
  'softwareVersion',
  'releaseDate',
  'logo',
  'monochromeLogo',
  'inputTypes',
  'outputTypes',
  'platforms',
  'categories',
  'usedBy',
  'fundedBy',
  'roadmap',
  'developmentStatus',
  'softwareType',
  'intendedAudience',
  'description',
  'legal',
  'maintenance',
  'localisation',
  'dependsOn',
  'downloadUrls',
  'it',
  'nl',
]);
/** The sections of the Dutch extension (componentencatalogus). */
const NL_KEYS = new Set(['countryExtensionVersion', 'commonground', 'gemma', 'upl', 'apm']);
const SOFTWARE_TYPES = new Set([
  'standalone/mobile',
  'standalone/iot',
  'standalone/desktop',
  'standalone/web',
  'standalone/backend',
  'standalone/other',
  'addon',
  'library',
  'configurationFiles',
]);

const list = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(z.string().trim().min(1).max(300)).max(100),
);
const description = z.object({
  shortDescription: z.string().max(2000).optional(),
  longDescription: z.string().max(20_000).optional(),
});

/** The part of publiccode.yml that Grondplan reads; everything else in the file is left alone. */
const publiccodeSchema = z.object({
  publiccodeYmlVersion: z.union([z.string(), z.number()]).transform(String),
  name: z.string().trim().min(1).max(200),
  url: webAddress,
  softwareVersion: z.union([z.string(), z.number()]).transform(String).optional(),
  description: z.record(z.string(), description).optional(),
  legal: z.object({
    license: z.string().trim().min(1).max(100),
    mainCopyrightOwner: z.string().trim().max(200).optional(),
    repoOwner: z.string().trim().max(200).optional(),
  }),
  maintenance: z
    .object({
      contractors: z
        .array(z.object({ name: z.string().trim().min(1).max(200), website: z.string().trim().max(500).optional() }))
        .optional(),
    })
    .optional(),
  nl: z
    .object({
      commonground: z.object({ layerType: list.optional() }).optional(),
      gemma: z.object({ referentieComponenten: list.optional(), standaarden: list.optional() }).optional(),
    })
    .optional(),
});
type Publiccode = z.infer<typeof publiccodeSchema>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `null`, '' and [] mean "not given" in generated files: such keys are dropped, as if the file did not have them. */
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty).filter((v) => v !== undefined);
  if (isRecord(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const cleaned = dropEmpty(v);
      if (cleaned !== undefined && !(Array.isArray(cleaned) && cleaned.length === 0)) kept[key] = cleaned;
    }
    return kept;
  }
  if (value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  return value;
}

/** A repository address as it is stored: https, without ".git" or a trailing slash; a warning for each deviation. */
function cleanRepository(url: string, warnings: string[]): string {
  let cleaned = url.trim();
  if (/^git:\/\//i.test(cleaned)) {
    cleaned = cleaned.replace(/^git:\/\//i, 'https://');
    warnings.push(
      `url "${url}" is een git://-adres; gelezen als ${cleaned.replace(/\.git$/i, '').replace(/\/+$/, '')}.`,
    );
  } else if (/^http:\/\//i.test(cleaned)) {
    cleaned = cleaned.replace(/^http:\/\//i, 'https://');
    warnings.push(`url "${url}" begint met http://; gelezen als https://.`);
  }
  if (/\.git\/?$/i.test(cleaned)) {
    cleaned = cleaned.replace(/\/+$/, '').replace(/\.git$/i, '');
    warnings.push(`url "${url}" eindigt op .git; gelezen als ${cleaned} (dezelfde repository).`);
  }
  return cleaned.replace(/\/+$/, '');
}

/** Parses and validates the file; problems carry the line in the file where they are, warnings name what was read anyway. */
export function readPubliccode(bytes: Uint8Array): {
  data: Publiccode | null;
  problems: RowProblem[];
  warnings: string[];
} {
  const warnings: string[] = [];
  const fail = (message: string, line = 0) => ({ data: null, problems: [{ line, message }], warnings });
  const read = fileText(bytes, MAX_PUBLICCODE_BYTES);
  if ('problem' in read) return { data: null, problems: [read.problem], warnings };
  const { text } = read;
  const lines = new LineCounter();
  // Aliases are refused outright: a publiccode.yml has no use for them, and they are how YAML "billion laughs" work.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const [error] = doc.errors;
    return fail(`Het bestand is geen geldige YAML: ${error?.message.split('\n')[0]}`, error?.linePos?.[0]?.line ?? 0);
  }
  let parsed: unknown;
  try {
    parsed = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return fail(`Het bestand is niet te lezen: ${(error as Error).message}`);
  }
  const lineOf = (path: PropertyKey[]) => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
      if ((isScalar(node) || isMap(node) || isSeq(node)) && node.range) return lines.linePos(node.range[0]).line;
    }
    return 0;
  };
  const raw = dropEmpty(parsed);
  if (!isRecord(raw))
    return fail(
      'Het bestand is geen publiccode.yml: verwacht sleutels zoals publiccodeYmlVersion, name, url en legal.',
    );

  for (const key of Object.keys(raw))
    if (!STANDARD_KEYS.has(key)) warnings.push(`Sleutel ${key} hoort niet bij de standaard en is genegeerd.`);
  if (isRecord(raw.nl))
    for (const key of Object.keys(raw.nl))
      if (!NL_KEYS.has(key))
        warnings.push(`Sleutel nl.${key} hoort niet bij de Nederlandse uitbreiding en is genegeerd.`);
  // Every key the standard requires and Grondplan reads: one line each, and nothing else when one is missing.
  const missing: RowProblem[] = [];
  for (const key of ['publiccodeYmlVersion', 'name', 'url'])
    if (raw[key] === undefined) missing.push({ line: lineOf([key]), message: `Verplicht veld ${key} ontbreekt.` });
  if (!isRecord(raw.legal))
    missing.push({ line: 0, message: 'Verplicht veld legal ontbreekt (met daarin legal.license, de licentie).' });
  else if (raw.legal.license === undefined)
    missing.push({
      line: lineOf(['legal', 'license']) || lineOf(['legal']),
      message: 'Verplicht veld legal.license ontbreekt of is leeg.',
    });
  if (missing.length) {
    // Other problems still count, but none that only follows from a missing key.
    const roots = new Set(missing.map((m) => m.message.split(' ')[2]?.split('.')[0]));
    const others =
      publiccodeSchema.safeParse(raw).error?.issues.filter((issue) => !roots.has(String(issue.path[0]))) ?? [];
    const problems = [
      ...missing,
      ...others.map((issue) => ({ line: lineOf(issue.path), message: `${issue.path.join('.')}: ${issue.message}` })),
    ];
    return { data: null, problems: problems.sort((a, b) => a.line - b.line), warnings };
  }

  const version = String(raw.publiccodeYmlVersion).trim();
  const minor = /^0\.(\d+)(\.\d+)?$/.exec(version)?.[1];
  if (minor === '1') warnings.push(`publiccodeYmlVersion ${version}: de standaard begint bij 0.2; gelezen als 0.2.`);
  else if (!minor || Number(minor) < 1 || Number(minor) > 4)
    return fail(
      `publiccodeYmlVersion "${version}" wordt niet ondersteund: Grondplan leest versie 0.2 tot en met 0.4.`,
      lineOf(['publiccodeYmlVersion']),
    );

  if (typeof raw.description === 'string') {
    warnings.push('description is een tekst in plaats van een omschrijving per taal; gelezen als shortDescription.');
    raw.description = { und: { shortDescription: raw.description } };
  }
  if (isRecord(raw.nl)) {
    const cg = raw.nl.commonground;
    if (isRecord(cg) && cg.layerType === undefined && cg.layertype !== undefined) {
      warnings.push('nl.commonground.layertype is gespeld als layerType gelezen.');
      cg.layerType = cg.layertype;
    }
  }
  if (typeof raw.releaseDate === 'string' || raw.releaseDate instanceof Date) {
    const date = raw.releaseDate instanceof Date ? isoDay(raw.releaseDate) : raw.releaseDate.trim();
    const [y, m, d] = date.split('-').map(Number);
    const real = /^\d{4}-\d{2}-\d{2}$/.test(date) && isoDay(new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 0))) === date;
    if (!real) warnings.push(`releaseDate "${date}" is geen bestaande datum (JJJJ-MM-DD); genegeerd.`);
  }
  if (typeof raw.softwareType === 'string' && !SOFTWARE_TYPES.has(raw.softwareType))
    warnings.push(`softwareType "${raw.softwareType}" staat niet in de lijst van de standaard; genegeerd.`);
  const localisation = raw.localisation;
  if (
    isRecord(localisation) &&
    localisation.localisationReady !== undefined &&
    typeof localisation.localisationReady !== 'boolean'
  )
    warnings.push(
      `localisation.localisationReady "${String(localisation.localisationReady)}" is geen true of false; genegeerd.`,
    );
  if (typeof raw.url === 'string') raw.url = cleanRepository(raw.url, warnings);

  const result = publiccodeSchema.safeParse(raw);
  if (!result.success)
    return {
      data: null,
      problems: result.error.issues.map((issue) => ({
        line: lineOf(issue.path),
        message: `${issue.path.join('.') || 'bestand'}: ${issue.message}`,
      })),
      warnings,
    };
  return { data: result.data, problems: [], warnings };
}

/** The suppliers a file names, strongest first: contractors, then the repository's owner, then the copyright owner. */
export function namedSuppliers(data: Publiccode): NamedSupplier[] {
  const named: NamedSupplier[] = [
    ...(data.maintenance?.contractors ?? []).map((c) => ({
      name: c.name,
      website: c.website ?? null,
      role: 'opdrachtnemer (maintenance.contractors)',
    })),
    { name: data.legal.repoOwner ?? '', role: 'eigenaar van de repository (legal.repoOwner)' },
    { name: data.legal.mainCopyrightOwner ?? '', role: 'houder van het auteursrecht (legal.mainCopyrightOwner)' },
  ];
  // "legal/authorsFile" is a path some generators write where a name belongs.
  return named.filter((n) => n.name && !n.name.includes('/'));
}
