// Reads a product from a publiccode.yml file (publiccode.yml 0.x with the Dutch "nl" extension of the Common Ground
// componentencatalogus): planned against the catalogue first, then created or updated in one audited transaction.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { z } from 'zod';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit } from '../audit.ts';
import {
  addSupplier,
  productFields,
  productSnapshot,
  resolveProduct,
  toSlug,
  writeProductChildren,
} from '../catalogue.ts';
import type { Viewer } from '../context.ts';
import { applyInOneTransaction } from './apply.ts';
import { loadCandidates, matchProduct, matchSupplier, repositoryOwner } from './matching.ts';
import { LAYER_TYPES, namedSuppliers, readPubliccode } from './publiccode-read.ts';
import type { RowProblem } from './usages-csv.ts';

interface PubliccodePlan {
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
    if (byOwner)
      recognised.push({ named: { name: repositoryOwner(data.url) ?? '', role: 'eigenaar in url' }, ...byOwner });
  }

  // The product: by repository, else by name within a supplier the file names, else by a name no other product has.
  const byRepository = products.find((x) => sameRepository(x.repository, data.url));
  let product: { match: (typeof products)[number]; reason: string } | null = byRepository
    ? { match: byRepository, reason: 'zelfde repository' }
    : null;
  for (const r of recognised) {
    if (product) break;
    const found = matchProduct(data.name, r.match.id, products);
    if (found?.reason.endsWith('zelfde leverancier')) product = found;
  }
  product ??= matchProduct(data.name, null, products);
  const match = product?.match ?? null;

  // The supplier: the product's own when the file names it in any role; else the strongest one recognised; else new.
  const current = match ? suppliers.find((s) => s.id === match.supplierId) : undefined;
  const explain = (r: (typeof recognised)[number]) =>
    `herkend: ${r.reason}; in het bestand ${r.named.role} "${r.named.name}"`;
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
    supplier = {
      slug: current.slug,
      name: current.name,
      isNew: false,
      reason: 'het bestand noemt geen leverancier; de leverancier blijft',
    };
    warnings.push(
      `Het bestand noemt geen leverancier (maintenance.contractors, legal.repoOwner); de leverancier blijft ${current.name}.`,
    );
  } else {
    supplier = { slug: '', name: '', isNew: false, reason: '' };
    refused.push({
      line: 0,
      message: 'Het bestand noemt geen leverancier: vul maintenance.contractors of legal.repoOwner in.',
    });
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
    if (!layer)
      refused.push({
        line: 0,
        message: `nl.commonground.layerType "${l}" bestaat niet; kies ${Object.keys(LAYER_TYPES).join(', ')}.`,
      });
    return layer ? [layer] : [];
  });

  // The description: Dutch first; one word ("The") is not a description, and no description leaves the current one.
  const descriptions = data.description ?? {};
  const language = ['nl', 'en', ...Object.keys(descriptions)].find((l) => descriptions[l]);
  const text = language ? descriptions[language] : undefined;
  let about = (text?.shortDescription ?? '').trim();
  if (about && !/\s/.test(about)) {
    warnings.push(
      `description.${language}.shortDescription "${about}" is één woord en geen omschrijving; de omschrijving blijft zoals ze is.`,
    );
    about = '';
  }
  about ||= (text?.longDescription ?? '').trim();

  let licence = data.legal.license;
  const plus = /^(.+)\+$/.exec(licence);
  if (plus) {
    licence = `${plus[1]}-or-later`;
    warnings.push(
      `legal.license "${data.legal.license}" gelezen als ${licence} (SPDX schrijft "-or-later" in plaats van "+").`,
    );
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
    if (!input.layers)
      warnings.push(
        'Nieuw pakket zonder Common Ground-laag (nl.commonground.layerType): het komt erbij zonder laag; deel het later in.',
      );
    if (!input.referenceComponents)
      warnings.push(
        'Nieuw pakket zonder GEMMA-referentiecomponenten (nl.gemma.referentieComponenten): het komt erbij zonder; deel het later in.',
      );
    input.architecture = 'COMMON_GROUND';
    if (supplier.slug && !supplier.isNew)
      warnings.push(
        `Kent de catalogus dit pakket van ${supplier.name} al onder een andere naam en repository, voeg de twee dan na het inlezen samen; de oude naam blijft dan herkend.`,
      );
  }
  const checked = productFields.partial().safeParse(input);
  if (!checked.success)
    for (const issue of checked.error.issues)
      refused.push({ line: 0, message: `${issue.path.join('.')}: ${issue.message}` });
  let changes: string[] = [];
  let existing: PubliccodePlan['existing'] = null;
  if (match && product) {
    const before = await p.$transaction((tx) => productSnapshot(tx, match.id));
    if (before) {
      existing = { id: before.id, addedById: before.addedById, revision: before.revision };
      if (product.reason.startsWith('naam begint met')) {
        warnings.push(
          `"${data.name}" is herkend als ${before.name} (${product.reason}); de naam blijft ${before.name}.`,
        );
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
        warnings.push(
          `De repository is verhuisd van ${before.repository} naar ${data.url}; het pakket is herkend aan ${product.reason}.`,
        );
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      const sorted = (v: string[] | undefined) => (v ? [...new Set(v)].sort() : undefined);
      changes = [
        ...(before.name !== input.name ? ['naam'] : []),
        ...(current && input.supplier && current.slug !== input.supplier ? ['leverancier'] : []),
        ...(input.description !== undefined && before.description !== input.description ? ['omschrijving'] : []),
        ...(before.licence !== input.licence ? ['licentie'] : []),
        ...(before.repository !== input.repository ? ['repository'] : []),
        ...(input.layers && !same(before.layers, sorted(input.layers)) ? ['lagen'] : []),
        ...(input.referenceComponents && !same(before.referenceComponents, sorted(input.referenceComponents))
          ? ['referentiecomponenten']
          : []),
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
    recognised: product
      ? `herkend: ${product.reason}`
      : `nieuw: geen pakket met deze repository of naam${supplier.isNew ? '' : ` bij ${supplier.name}`}`,
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
    if (plan.supplier.isNew)
      await addSupplier(tx, plan.supplier.name, { actor, source, organisationId }, { slug: plan.supplier.slug });
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
          data: {
            ...(data as { name: string; supplierId: string; architecture: 'COMMON_GROUND' }),
            slug: plan.slug,
            addedById: organisationId,
          },
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
      summary: {
        kind: 'publiccode',
        product: plan.slug,
        action: plan.action,
        changes: plan.changes,
        newSupplier: plan.supplier.isNew,
      },
    };
  });
}
