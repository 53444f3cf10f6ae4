// Reads a product from a publiccode.yml file (publiccode.yml 0.x with the Dutch "nl" extension of the Common Ground
// componentencatalogus): planned against the catalogue first, then created or updated in one audited transaction.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Database } from '../../prisma/client.ts';
import { webAddress } from '../../prisma/web-address.ts';
import { type AuditSource, recordAudit } from '../audit.ts';
import { productFields, productSnapshot, resolveProduct, toSlug, writeProductChildren } from '../catalogue.ts';
import type { Viewer } from '../context.ts';
import { applyInOneTransaction } from './apply.ts';
import { fileText } from './file-text.ts';
import type { RowProblem } from './usages-csv.ts';

export const MAX_PUBLICCODE_BYTES = 1_000_000;

/** Common Ground's layer names in `nl.commonground.layerType`, as the componentencatalogus writes them. */
const LAYER_TYPES = { interface: 'INTERACTION', process: 'PROCESS', integration: 'INTEGRATION', service: 'SERVICE', data: 'DATA' } as const;

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
  maintenance: z.object({ contractors: z.array(z.object({ name: z.string().trim().min(1).max(200) })).optional() }).optional(),
  nl: z
    .object({
      commonground: z.object({ layerType: list.optional() }).optional(),
      gemma: z.object({ referentieComponenten: list.optional(), standaarden: list.optional() }).optional(),
    })
    .optional(),
});

export interface PubliccodePlan {
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  /** The existing product's id and adding organisation, when the file describes one the catalogue has. */
  existing: { id: string; addedById: string | null; revision: number } | null;
  slug: string;
  name: string;
  supplier: { slug: string; name: string; isNew: boolean };
  /** What is written: the product's fields with supplier slug and GEMMA ids. */
  input: Partial<z.infer<typeof productFields>>;
  changes: string[];
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
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');

/** Parses and validates the file; problems carry the line in the file where they are. */
export function readPubliccode(bytes: Uint8Array): { data: z.infer<typeof publiccodeSchema> | null; problems: RowProblem[] } {
  const fail = (message: string, line = 0) => ({ data: null, problems: [{ line, message }] });
  const read = fileText(bytes, MAX_PUBLICCODE_BYTES);
  if ('problem' in read) return { data: null, problems: [read.problem] };
  const { text } = read;
  const lines = new LineCounter();
  // Aliases are refused outright: a publiccode.yml has no use for them, and they are how YAML "billion laughs" work.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const [error] = doc.errors;
    return fail(`Het bestand is geen geldige YAML: ${error?.message.split('\n')[0]}`, error?.linePos?.[0]?.line ?? 0);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return fail(`Het bestand is niet te lezen: ${(error as Error).message}`);
  }
  const result = publiccodeSchema.safeParse(raw);
  if (!result.success) {
    const lineOf = (path: PropertyKey[]) => {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
        if ((isScalar(node) || isMap(node) || isSeq(node)) && node.range) return lines.linePos(node.range[0]).line;
      }
      return 0;
    };
    return {
      data: null,
      problems: result.error.issues.map((issue) => ({ line: lineOf(issue.path), message: `${issue.path.join('.') || 'bestand'}: ${issue.message}` })),
    };
  }
  return { data: result.data, problems: [] };
}

/** Matches the file against the catalogue and GEMMA: which product it is, what changes, what is refused. Changes nothing. */
export async function planPubliccodeImport(db: Database, bytes: Uint8Array): Promise<PubliccodePlan> {
  const { data, problems } = readPubliccode(bytes);
  if (!data)
    return {
      action: 'UNCHANGED',
      existing: null,
      slug: '',
      name: '',
      supplier: { slug: '', name: '', isNew: false },
      input: {},
      changes: [],
      refused: problems,
    };
  const p = db.prisma;
  const [products, suppliers, components, standards] = await Promise.all([
    p.product.findMany({ select: { id: true, slug: true, name: true, repository: true } }),
    p.supplier.findMany({ select: { slug: true, name: true } }),
    p.referenceComponent.findMany({ select: { id: true, name: true } }),
    p.standard.findMany({ select: { id: true, name: true } }),
  ]);
  const refused: RowProblem[] = [];
  const slug = toSlug(data.name);
  const match = products.find((x) => sameRepository(x.repository, data.url)) ?? products.find((x) => x.slug === slug) ?? null;
  const supplierName = data.maintenance?.contractors?.[0]?.name ?? data.legal.mainCopyrightOwner ?? data.legal.repoOwner ?? '';
  if (!supplierName) refused.push({ line: 0, message: 'Leverancier ontbreekt: vul maintenance.contractors of legal.mainCopyrightOwner in.' });
  const knownSupplier = suppliers.find((s) => s.name.toLowerCase() === supplierName.toLowerCase() || s.slug === toSlug(supplierName));
  const supplier = {
    slug: knownSupplier?.slug ?? toSlug(supplierName),
    name: knownSupplier?.name ?? supplierName,
    isNew: !knownSupplier && Boolean(supplierName),
  };
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
  const descriptions = data.description ?? {};
  const text = (descriptions.nl ?? descriptions.en ?? Object.values(descriptions)[0]) as z.infer<typeof description> | undefined;
  const input: Partial<z.infer<typeof productFields>> = {
    name: data.name,
    supplier: supplier.slug,
    description: (text?.shortDescription || text?.longDescription || '').trim().slice(0, 2000) || null,
    licence: data.legal.license,
    repository: data.url,
    ...(layers?.length ? { layers } : {}),
    ...(referenceComponents?.length ? { referenceComponents } : {}),
    ...(standardIds ? { standards: standardIds } : {}),
    ...(data.softwareVersion ? { versions: [data.softwareVersion] } : {}),
  };
  if (!match) {
    // A new product needs what the catalogue asks of every product; a publiccode.yml without the nl section lacks it.
    if (!input.layers) refused.push({ line: 0, message: 'Voor een nieuw pakket is nl.commonground.layerType nodig (de Common Ground-laag).' });
    if (!input.referenceComponents) refused.push({ line: 0, message: 'Voor een nieuw pakket is nl.gemma.referentieComponenten nodig.' });
    input.architecture = 'COMMON_GROUND';
  }
  const checked = productFields.partial().safeParse(input);
  if (!checked.success) for (const issue of checked.error.issues) refused.push({ line: 0, message: `${issue.path.join('.')}: ${issue.message}` });
  let changes: string[] = [];
  let existing: PubliccodePlan['existing'] = null;
  if (match) {
    const before = await p.$transaction((tx) => productSnapshot(tx, match.id));
    const supplierSlug = before ? (await p.supplier.findUnique({ where: { id: before.supplierId }, select: { slug: true } }))?.slug : null;
    if (before) {
      existing = { id: before.id, addedById: before.addedById, revision: before.revision };
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      const sorted = (v: string[] | undefined) => (v ? [...new Set(v)].sort() : undefined);
      changes = [
        ...(before.name !== input.name ? ['naam'] : []),
        ...(supplierSlug !== input.supplier ? ['leverancier'] : []),
        ...(before.description !== input.description ? ['omschrijving'] : []),
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
    slug: match?.slug ?? slug,
    name: data.name,
    supplier,
    input,
    changes,
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
    if (plan.supplier.isNew) {
      const created = await tx.supplier.create({ data: { name: plan.supplier.name, slug: plan.supplier.slug, addedById: organisationId } });
      await recordAudit(tx, {
        actor,
        source,
        organisationId,
        entityType: 'Supplier',
        entityId: encodeGlobalID('Supplier', created.id),
        action: 'CREATE',
        before: null,
        after: created,
        revision: 1,
      });
    }
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
