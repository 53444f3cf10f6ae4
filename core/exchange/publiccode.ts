// Reads a product from a publiccode.yml file (publiccode.yml 0.x with the Dutch "nl" extension of the Common Ground
// componentencatalogus): planned against the catalogue first, then created or updated in one audited transaction.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Database } from '#prisma/client.ts';
import { webAddress } from '#prisma/web-address.ts';
import { type AuditSource, recordAudit } from '../audit.ts';
import { addSupplier, productFields, productSnapshot, resolveProduct, toSlug, writeProductChildren } from '../catalogue.ts';
import type { Viewer } from '../context.ts';
import { isoDay } from '../dates.ts';
import { applyInOneTransaction } from './apply.ts';
import { fileText } from './file-text.ts';
import { loadCandidates, matchProduct, matchSupplier, type NamedSupplier, repositoryOwner } from './matching.ts';
import type { RowProblem } from './usages-csv.ts';

export const MAX_PUBLICCODE_BYTES = 1_000_000;

/** Common Ground's layer names in `nl.commonground.layerType`, as the componentencatalogus writes them. */
const LAYER_TYPES = { interface: 'INTERACTION', process: 'PROCESS', integration: 'INTEGRATION', service: 'SERVICE', data: 'DATA' } as const;

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

const list = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().trim().min(1).max(300)).max(100));
const description = z.object({ shortDescription: z.string().max(2000).optional(), longDescription: z.string().max(20_000).optional() });

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
      contractors: z.array(z.object({ name: z.string().trim().min(1).max(200), website: z.string().trim().max(500).optional() })).optional(),
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

export interface PubliccodePlan {
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  /** The existing product's id and adding organisation, when the file describes one the catalogue has. */
  existing: { id: string; addedById: string | null; revision: number } | null;
  slug: string;
  name: string;
  /** How the product was recognised, or why it is new, in Dutch. */
  recognised: string;
  /** The supplier, and in Dutch why: "herkend: bekende andere naam "Maykin"; in het bestand opdrachtnemer ...". */
  supplier: { slug: string; name: string; isNew: boolean; reason: string };
  /** What is written: the product's fields with supplier slug and GEMMA ids. */
  input: Partial<z.infer<typeof productFields>>;
  changes: string[];
  /** Deviations from the standard that were read anyway, and what the user should look at; one Dutch line each. */
  warnings: string[];
  refused: RowProblem[];
}

/** Repository addresses compare without scheme, "www.", ".git" and trailing slashes. */
const sameRepository = (a: string | null, b: string) => Boolean(a) && normaliseUrl(a ?? '') === normaliseUrl(b);
const normaliseUrl = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');

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
    warnings.push(`url "${url}" is een git://-adres; gelezen als ${cleaned.replace(/\.git$/i, '').replace(/\/+$/, '')}.`);
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
export function readPubliccode(bytes: Uint8Array): { data: Publiccode | null; problems: RowProblem[]; warnings: string[] } {
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
  if (!isRecord(raw)) return fail('Het bestand is geen publiccode.yml: verwacht sleutels zoals publiccodeYmlVersion, name, url en legal.');

  for (const key of Object.keys(raw)) if (!STANDARD_KEYS.has(key)) warnings.push(`Sleutel ${key} hoort niet bij de standaard en is genegeerd.`);
  if (isRecord(raw.nl))
    for (const key of Object.keys(raw.nl)) if (!NL_KEYS.has(key)) warnings.push(`Sleutel nl.${key} hoort niet bij de Nederlandse uitbreiding en is genegeerd.`);
  // Every key the standard requires and Grondplan reads: one line each, and nothing else when one is missing.
  const missing: RowProblem[] = [];
  for (const key of ['publiccodeYmlVersion', 'name', 'url'])
    if (raw[key] === undefined) missing.push({ line: lineOf([key]), message: `Verplicht veld ${key} ontbreekt.` });
  if (!isRecord(raw.legal)) missing.push({ line: 0, message: 'Verplicht veld legal ontbreekt (met daarin legal.license, de licentie).' });
  else if (raw.legal.license === undefined)
    missing.push({ line: lineOf(['legal', 'license']) || lineOf(['legal']), message: 'Verplicht veld legal.license ontbreekt of is leeg.' });
  if (missing.length) {
    // Other problems still count, but none that only follows from a missing key.
    const roots = new Set(missing.map((m) => m.message.split(' ')[2]?.split('.')[0]));
    const others = publiccodeSchema.safeParse(raw).error?.issues.filter((issue) => !roots.has(String(issue.path[0]))) ?? [];
    const problems = [...missing, ...others.map((issue) => ({ line: lineOf(issue.path), message: `${issue.path.join('.')}: ${issue.message}` }))];
    return { data: null, problems: problems.sort((a, b) => a.line - b.line), warnings };
  }

  const version = String(raw.publiccodeYmlVersion).trim();
  const minor = /^0\.(\d+)(\.\d+)?$/.exec(version)?.[1];
  if (minor === '1') warnings.push(`publiccodeYmlVersion ${version}: de standaard begint bij 0.2; gelezen als 0.2.`);
  else if (!minor || Number(minor) < 1 || Number(minor) > 4)
    return fail(`publiccodeYmlVersion "${version}" wordt niet ondersteund: Grondplan leest versie 0.2 tot en met 0.4.`, lineOf(['publiccodeYmlVersion']));

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
  if (isRecord(localisation) && localisation.localisationReady !== undefined && typeof localisation.localisationReady !== 'boolean')
    warnings.push(`localisation.localisationReady "${String(localisation.localisationReady)}" is geen true of false; genegeerd.`);
  if (typeof raw.url === 'string') raw.url = cleanRepository(raw.url, warnings);

  const result = publiccodeSchema.safeParse(raw);
  if (!result.success)
    return {
      data: null,
      problems: result.error.issues.map((issue) => ({ line: lineOf(issue.path), message: `${issue.path.join('.') || 'bestand'}: ${issue.message}` })),
      warnings,
    };
  return { data: result.data, problems: [], warnings };
}

/** The suppliers a file names, strongest first: contractors, then the repository's owner, then the copyright owner. */
function namedSuppliers(data: Publiccode): NamedSupplier[] {
  const named: NamedSupplier[] = [
    ...(data.maintenance?.contractors ?? []).map((c) => ({ name: c.name, website: c.website ?? null, role: 'opdrachtnemer (maintenance.contractors)' })),
    { name: data.legal.repoOwner ?? '', role: 'eigenaar van de repository (legal.repoOwner)' },
    { name: data.legal.mainCopyrightOwner ?? '', role: 'houder van het auteursrecht (legal.mainCopyrightOwner)' },
  ];
  // "legal/authorsFile" is a path some generators write where a name belongs.
  return named.filter((n) => n.name && !n.name.includes('/'));
}

/** A new product's slug: its name's, or with the supplier's added when another product has that one already. */
const freeSlug = (slug: string, supplierSlug: string, products: readonly { slug: string }[]) =>
  products.some((p) => p.slug === slug) && supplierSlug ? `${slug}-${supplierSlug}`.slice(0, 100) : slug;

/** Matches the file against the catalogue and GEMMA: which product it is, what changes, what is refused. Changes nothing. */
export async function planPubliccodeImport(db: Database, bytes: Uint8Array): Promise<PubliccodePlan> {
  const { data, problems, warnings } = readPubliccode(bytes);
  if (!data)
    return {
      action: 'UNCHANGED',
      existing: null,
      slug: '',
      name: '',
      recognised: '',
      supplier: { slug: '', name: '', isNew: false, reason: '' },
      input: {},
      changes: [],
      warnings,
      refused: problems,
    };
  const p = db.prisma;
  const [{ suppliers, products }, components, standards] = await Promise.all([
    loadCandidates(p),
    p.referenceComponent.findMany({ select: { id: true, name: true } }),
    p.standard.findMany({ select: { id: true, name: true } }),
  ]);
  const refused: RowProblem[] = [];

  // Suppliers: each name the file gives, recognised the one way every importer recognises them.
  const named = namedSuppliers(data);
  const recognised = named.flatMap((n) => {
    const found = matchSupplier({ name: n.name, website: n.website ?? null }, suppliers);
    return found ? [{ named: n, ...found }] : [];
  });
  if (!recognised.length) {
    const byOwner = matchSupplier({ name: '', repository: data.url }, suppliers);
    if (byOwner) recognised.push({ named: { name: repositoryOwner(data.url) ?? '', role: 'eigenaar in url' }, ...byOwner });
  }

  // The product: by repository, else by name within a supplier the file names, else by a name no other product has.
  const byRepository = products.find((x) => sameRepository(x.repository, data.url));
  let product: { match: (typeof products)[number]; reason: string } | null = byRepository ? { match: byRepository, reason: 'zelfde repository' } : null;
  for (const r of recognised) {
    if (product) break;
    const found = matchProduct(data.name, r.match.id, products);
    if (found?.reason.endsWith('zelfde leverancier')) product = found;
  }
  product ??= matchProduct(data.name, null, products);
  const match = product?.match ?? null;

  // The supplier: the product's own when the file names it in any role; else the strongest one recognised; else new.
  const current = match ? suppliers.find((s) => s.id === match.supplierId) : undefined;
  const explain = (r: (typeof recognised)[number]) => `herkend: ${r.reason}; in het bestand ${r.named.role} "${r.named.name}"`;
  const kept = current ? recognised.find((r) => r.match.id === current.id) : undefined;
  const chosen = kept ?? recognised[0];
  let supplier: PubliccodePlan['supplier'];
  if (chosen) supplier = { slug: chosen.match.slug, name: chosen.match.name, isNew: false, reason: explain(chosen) };
  else if (named[0])
    supplier = {
      slug: toSlug(named[0].name),
      name: named[0].name,
      isNew: true,
      reason: `nieuw: geen leverancier in de catalogus herkend in ${named.map((n) => `"${n.name}"`).join(', ')}; in het bestand ${named[0].role}`,
    };
  else if (current) {
    supplier = { slug: current.slug, name: current.name, isNew: false, reason: 'het bestand noemt geen leverancier; de leverancier blijft' };
    warnings.push(`Het bestand noemt geen leverancier (maintenance.contractors, legal.repoOwner); de leverancier blijft ${current.name}.`);
  } else {
    supplier = { slug: '', name: '', isNew: false, reason: '' };
    refused.push({ line: 0, message: 'Het bestand noemt geen leverancier: vul maintenance.contractors of legal.repoOwner in.' });
  }
  if (kept) {
    for (const r of recognised)
      if (r.match.id !== kept.match.id && r.named.role.startsWith('opdrachtnemer'))
        warnings.push(
          `Het bestand noemt ${r.match.name} als ${r.named.role} ("${r.named.name}", ${r.reason}); de leverancier blijft ${kept.match.name}, die het bestand noemt als ${kept.named.role}. Wijzig de leverancier zelf als ${r.match.name} de leverancier is.`,
        );
  }
  if (current && supplier.slug && supplier.slug !== current.slug)
    warnings.push(`De leverancier wijzigt van ${current.name} naar ${supplier.name} (${supplier.reason}).`);

  const byIdOrName = <T extends { id: string; name: string }>(rows: T[], wanted: string[] | undefined, what: string) =>
    wanted?.flatMap((w) => {
      const found = rows.find((r) => r.id === w.toLowerCase() || r.name.toLowerCase() === w.toLowerCase());
      if (!found) refused.push({ line: 0, message: `${what} "${w}" bestaat niet in GEMMA.` });
      return found ? [found.id] : [];
    });
  const referenceComponents = byIdOrName(components, data.nl?.gemma?.referentieComponenten, 'Referentiecomponent');
  const standardIds = byIdOrName(standards, data.nl?.gemma?.standaarden, 'Standaard');
  const layers = data.nl?.commonground?.layerType?.flatMap((l) => {
    const layer = LAYER_TYPES[l.toLowerCase() as keyof typeof LAYER_TYPES];
    if (!layer) refused.push({ line: 0, message: `nl.commonground.layerType "${l}" bestaat niet; kies ${Object.keys(LAYER_TYPES).join(', ')}.` });
    return layer ? [layer] : [];
  });

  // The description: Dutch first; one word ("The") is not a description, and no description leaves the current one.
  const descriptions = data.description ?? {};
  const language = ['nl', 'en', ...Object.keys(descriptions)].find((l) => descriptions[l]);
  const text = language ? descriptions[language] : undefined;
  let about = (text?.shortDescription ?? '').trim();
  if (about && !/\s/.test(about)) {
    warnings.push(`description.${language}.shortDescription "${about}" is één woord en geen omschrijving; de omschrijving blijft zoals ze is.`);
    about = '';
  }
  about ||= (text?.longDescription ?? '').trim();

  let licence = data.legal.license;
  const plus = /^(.+)\+$/.exec(licence);
  if (plus) {
    licence = `${plus[1]}-or-later`;
    warnings.push(`legal.license "${data.legal.license}" gelezen als ${licence} (SPDX schrijft "-or-later" in plaats van "+").`);
  }
  const input: Partial<z.infer<typeof productFields>> = {
    name: data.name,
    ...(supplier.slug ? { supplier: supplier.slug } : {}),
    ...(about ? { description: about.slice(0, 2000) } : {}),
    licence,
    repository: data.url,
    ...(layers?.length ? { layers } : {}),
    ...(referenceComponents?.length ? { referenceComponents } : {}),
    ...(standardIds ? { standards: standardIds } : {}),
    ...(data.softwareVersion ? { versions: [data.softwareVersion] } : {}),
  };
  if (!match) {
    // A product the catalogue lacks comes in even without the nl section; the user classifies it later.
    if (!input.layers) warnings.push('Nieuw pakket zonder Common Ground-laag (nl.commonground.layerType): het komt erbij zonder laag; deel het later in.');
    if (!input.referenceComponents)
      warnings.push('Nieuw pakket zonder GEMMA-referentiecomponenten (nl.gemma.referentieComponenten): het komt erbij zonder; deel het later in.');
    input.architecture = 'COMMON_GROUND';
    if (supplier.slug && !supplier.isNew)
      warnings.push(
        `Kent de catalogus dit pakket van ${supplier.name} al onder een andere naam en repository, voeg de twee dan na het inlezen samen; de oude naam blijft dan herkend.`,
      );
  }
  const checked = productFields.partial().safeParse(input);
  if (!checked.success) for (const issue of checked.error.issues) refused.push({ line: 0, message: `${issue.path.join('.')}: ${issue.message}` });
  let changes: string[] = [];
  let existing: PubliccodePlan['existing'] = null;
  if (match && product) {
    const before = await p.$transaction((tx) => productSnapshot(tx, match.id));
    if (before) {
      existing = { id: before.id, addedById: before.addedById, revision: before.revision };
      if (product.reason.startsWith('naam begint met')) {
        warnings.push(`"${data.name}" is herkend als ${before.name} (${product.reason}); de naam blijft ${before.name}.`);
        input.name = before.name;
      }
      // The same licence without "only" in the catalogue: EUPL-1.2 there and EUPL-1.2-or-later here are not a change.
      if (before.licence && licence === `${before.licence}-or-later`) {
        warnings.push(
          `legal.license ${licence} en ${before.licence} in de catalogus gelden als dezelfde licentie (de catalogus zegt niet "alleen ${before.licence}"); de licentie blijft ${before.licence}.`,
        );
        input.licence = before.licence;
      }
      if (before.repository && sameRepository(before.repository, data.url)) input.repository = before.repository;
      else if (before.repository)
        warnings.push(`De repository is verhuisd van ${before.repository} naar ${data.url}; het pakket is herkend aan ${product.reason}.`);
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      const sorted = (v: string[] | undefined) => (v ? [...new Set(v)].sort() : undefined);
      changes = [
        ...(before.name !== input.name ? ['naam'] : []),
        ...(current && input.supplier && current.slug !== input.supplier ? ['leverancier'] : []),
        ...(input.description !== undefined && before.description !== input.description ? ['omschrijving'] : []),
        ...(before.licence !== input.licence ? ['licentie'] : []),
        ...(before.repository !== input.repository ? ['repository'] : []),
        ...(input.layers && !same(before.layers, sorted(input.layers)) ? ['lagen'] : []),
        ...(input.referenceComponents && !same(before.referenceComponents, sorted(input.referenceComponents)) ? ['referentiecomponenten'] : []),
        ...(input.standards && !same(before.standards, sorted(input.standards)) ? ['standaarden'] : []),
        ...(input.versions?.some((v) => !before.versions.includes(v)) ? ['versies'] : []),
      ];
    }
  }
  return {
    action: !existing ? 'ADD' : changes.length ? 'CHANGE' : 'UNCHANGED',
    existing,
    slug: match?.slug ?? freeSlug(toSlug(data.name), supplier.slug, products),
    name: input.name ?? data.name,
    recognised: product ? `herkend: ${product.reason}` : `nieuw: geen pakket met deze repository of naam${supplier.isNew ? '' : ` bij ${supplier.name}`}`,
    supplier,
    input,
    changes,
    warnings,
    refused,
  };
}

/** Writes a plan without refusals in one transaction: a new supplier, the product, and an audit event for each and for the file. */
export async function applyPubliccodeImport(
  db: Database,
  plan: PubliccodePlan,
  actor: Viewer | { label: string },
  fileName: string,
  organisationId: string | null,
  source: AuditSource = 'IMPORT',
): Promise<{ productId: string }> {
  if (plan.refused.length) throw new Error('Een plan met geweigerde regels wordt niet toegepast.');
  return applyInOneTransaction(db, { actor, fileName, organisationId, source }, async (tx) => {
    if (plan.supplier.isNew) await addSupplier(tx, plan.supplier.name, { actor, source, organisationId }, { slug: plan.supplier.slug });
    let productId = plan.existing?.id ?? '';
    if (plan.action !== 'UNCHANGED') {
      const before = plan.existing ? await productSnapshot(tx, plan.existing.id) : null;
      const data = await resolveProduct(tx, plan.input);
      if (plan.existing) {
        const { count } = await tx.product.updateMany({
          where: { id: plan.existing.id, revision: plan.existing.revision },
          data: { ...data, revision: { increment: 1 } },
        });
        if (count === 0) throw new Error('Het pakket is sinds de proefrun gewijzigd; doe de proefrun opnieuw.');
      } else {
        const created = await tx.product.create({
          data: { ...(data as { name: string; supplierId: string; architecture: 'COMMON_GROUND' }), slug: plan.slug, addedById: organisationId },
          select: { id: true },
        });
        productId = created.id;
      }
      await writeProductChildren(tx, productId, plan.input);
      const after = await productSnapshot(tx, productId);
      await recordAudit(tx, {
        actor,
        source,
        organisationId: plan.existing ? (plan.existing.addedById ?? organisationId) : organisationId,
        entityType: 'Product',
        entityId: encodeGlobalID('Product', productId),
        action: plan.existing ? 'UPDATE' : 'CREATE',
        before,
        after,
        revision: after?.revision ?? null,
      });
    }
    return {
      result: { productId },
      summary: { kind: 'publiccode', product: plan.slug, action: plan.action, changes: plan.changes, newSupplier: plan.supplier.isNew },
    };
  });
}
