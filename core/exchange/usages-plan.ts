// Plans a usages import: every row matched against the catalogue, GEMMA and the organisation's landscape, with what it adds, changes or refuses.
import type { Database } from '#prisma/client.ts';
import { slugify } from '#prisma/slug.ts';
import { operatorNeedsConsent } from '../proposals.ts';
import type { RowProblem } from './file-text.ts';
import { loadCandidates, matchProduct, matchSupplier, normaliseName } from './matching.ts';
import {
  ADD_UNKNOWN_HINT,
  BIV,
  type ImportOptions,
  type ImportPlan,
  type NewProduct,
  type PlannedUsage,
  STATUS_DATES_SELECT,
  STATUSES,
} from './usages-csv.ts';

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;
const nlDay = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
function parseDay(value: string): Date | null | 'invalid' {
  if (!value) return null;
  const iso = isoDay.exec(value);
  const nl = nlDay.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : nl ? [nl[3], nl[2], nl[1]] : [];
  if (!y) return 'invalid';
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(m) - 1 ? date : 'invalid';
}

/** Matches every row against the catalogue, GEMMA and the organisation's landscape; changes nothing. */
export async function planUsagesImport(
  db: Database,
  organisationSlug: string,
  records: Record<string, string>[],
  options: ImportOptions = {},
): Promise<ImportPlan | null> {
  const p = db.prisma;
  const org = await p.organisation.findUnique({ where: { slug: organisationSlug }, select: { id: true, slug: true } });
  if (!org) return null;
  const [products, components, organisations, existing, pending, candidates] = await Promise.all([
    p.product.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        supplier: { select: { name: true } },
        versions: { select: { id: true, name: true } },
        referenceComponents: { select: { referenceComponentId: true } },
      },
    }),
    p.referenceComponent.findMany({ select: { id: true } }),
    p.organisation.findMany({ select: { id: true, slug: true, name: true } }),
    p.usage.findMany({
      where: { organisationId: org.id },
      select: {
        key: true,
        productId: true,
        versionId: true,
        status: true,
        ...STATUS_DATES_SELECT,
        operatorId: true,
        availability: true,
        integrity: true,
        confidentiality: true,
        referenceComponents: { select: { referenceComponentId: true } },
      },
    }),
    p.referenceProposal.findMany({
      where: { proposingOrganisationId: org.id, kind: 'OPERATOR', status: 'PENDING' },
      select: { receivingOrganisationId: true, usage: { select: { key: true } } },
    }),
    loadCandidates(p),
  ]);
  const pendingOperator = new Map(pending.map((x) => [x.usage.key, x.receivingOrganisationId]));
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const componentIds = new Set(components.map((c) => c.id));
  const organisationId = new Map(
    organisations.flatMap((o) => [[o.name.toLowerCase(), o.id] as const, [o.slug, o.id] as const]),
  );
  const current = new Map(existing.map((u) => [u.key, u]));
  const rows: PlannedUsage[] = [];
  const refused: RowProblem[] = [];
  const seen = new Set<string>();
  const has = (r: Record<string, string>, column: string) => Object.hasOwn(r, column);
  const productById = new Map(products.map((x) => [x.id, x]));
  const recognised: string[] = [];
  const newProducts = new Map<string, NewProduct>();
  const lineName = options.lineName ?? ((line: number) => `Regel ${line}`);
  records.forEach((r, i) => {
    const line = i + 2;
    const reasons: string[] = [];
    const name = r.Pakket ?? '';
    // Supplier and product as the file names them, recognised as every importer does ("Maykin" is Maykin Media).
    const supplierNamed = (r.Leverancier ?? '').trim();
    const supplier = supplierNamed ? matchSupplier({ name: supplierNamed }, candidates.suppliers) : null;
    const found = name ? matchProduct(name, supplier?.match.id ?? null, candidates.products) : null;
    const otherSupplier =
      Boolean(supplierNamed) && (!supplier || (found !== null && found.match.supplierId !== supplier.match.id));
    const product = found && !otherSupplier ? (productById.get(found.match.id) ?? null) : null;
    let newProduct: NewProduct | undefined;
    if (!name) reasons.push('Pakket is leeg.');
    else if (!product && options.addUnknownProducts && supplierNamed) {
      // Added to the catalogue on apply, with the supplier the name was recognised as, or a new one.
      const productKey = `${supplier ? supplier.match.id : normaliseName(supplierNamed)}|${normaliseName(name)}`;
      const known = newProducts.get(productKey);
      newProduct = known ?? {
        key: productKey,
        name,
        supplierName: supplierNamed,
        supplierId: supplier?.match.id ?? null,
        referenceComponentIds: [],
      };
      if (!known) {
        newProducts.set(productKey, newProduct);
        recognised.push(
          `${lineName(line)}: pakket "${name}" van leverancier "${supplierNamed}" wordt toegevoegd aan de catalogus (architectuur nog in te delen, voorlopig Legacy); ${
            supplier
              ? `leverancier bekend als ${supplier.match.name} (${supplier.reason})`
              : 'de leverancier is nieuw en wordt ook toegevoegd'
          }.`,
        );
      }
    } else if (!product)
      reasons.push(
        found
          ? `Pakket "${name}" is er niet van leverancier "${supplierNamed}"; de catalogus kent het van ${productById.get(found.match.id)?.supplier.name ?? 'een andere leverancier'}. ${ADD_UNKNOWN_HINT}`
          : `Pakket "${name}" staat niet in de catalogus.${supplierNamed ? ` ${ADD_UNKNOWN_HINT}` : ' Vul de leverancier in om het toe te voegen.'}`,
      );
    else {
      if (supplier && supplier.reason !== 'zelfde naam')
        recognised.push(
          `${lineName(line)}: leverancier "${supplierNamed}" is ${supplier.match.name} (${supplier.reason}).`,
        );
      if (found && !found.reason.startsWith('zelfde naam,') && found.reason !== 'zelfde naam')
        recognised.push(`${lineName(line)}: pakket "${name}" is ${product.name} (${found.reason}).`);
    }
    const key = r.Sleutel || (product ? product.slug : slugify(name));
    const before = current.get(key);
    const data: PlannedUsage['data'] = { productId: product?.id ?? '', dates: {} };
    let newVersion: string | undefined;
    if (has(r, 'Versie')) {
      const version = r.Versie ? product?.versions.find((v) => v.name === r.Versie) : null;
      if (r.Versie && !version && (newProduct || (product && options.addUnknownProducts))) newVersion = r.Versie;
      else if (product && r.Versie && !version)
        reasons.push(`Pakket "${name}" heeft geen versie "${r.Versie}". ${ADD_UNKNOWN_HINT}`);
      data.versionId = version?.id ?? null;
    } else if (before && (newProduct || (product && before.productId !== product.id))) {
      // Another package: the stored version belongs to the old one, so it cannot stay.
      data.versionId = null;
    }
    if (has(r, 'Status')) {
      const statusText = (r.Status ?? '').toLowerCase();
      data.status = STATUSES.find((s) => s[0].toLowerCase() === statusText || s[1].toLowerCase() === statusText)?.[0];
      if (!data.status)
        reasons.push(`Status "${r.Status ?? ''}" bestaat niet; kies ${STATUSES.map((s) => s[1]).join(', ')}.`);
    } else if (!before)
      reasons.push('Status ontbreekt: een nieuw gebruik heeft een status nodig; voeg de kolom Status toe.');
    for (const [, , column, field] of STATUSES) {
      if (!has(r, column)) continue;
      const parsed = parseDay(r[column] ?? '');
      if (parsed === 'invalid') reasons.push(`${column}: "${r[column]}" is geen datum (JJJJ-MM-DD).`);
      else data.dates[field] = parsed;
    }
    if (has(r, 'Referentiecomponenten (GEMMA-id)')) {
      const ids = (r['Referentiecomponenten (GEMMA-id)'] ?? '')
        .split(/[,\s]+/)
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      for (const id of ids) if (!componentIds.has(id)) reasons.push(`Referentiecomponent ${id} bestaat niet in GEMMA.`);
      data.referenceComponentIds = [...new Set(ids)].sort();
    }
    // A new usage from a file without the column realises its product's components, as the usage form promises; an
    // explicit empty cell means none, so that the same file imported again changes nothing.
    if (!before && product && !has(r, 'Referentiecomponenten (GEMMA-id)'))
      data.referenceComponentIds = [...new Set(product.referenceComponents.map((c) => c.referenceComponentId))].sort();
    // A new product realises what the first line naming it says its usage realises.
    if (newProduct && !newProduct.referenceComponentIds.length && data.referenceComponentIds)
      newProduct.referenceComponentIds = data.referenceComponentIds.filter((id) => componentIds.has(id));
    if (has(r, 'Technisch beheer')) {
      const operator = r['Technisch beheer'] ?? '';
      data.operatorId = operator ? (organisationId.get(operator.toLowerCase()) ?? null) : null;
      if (operator && !data.operatorId) reasons.push(`Technisch beheer: organisatie "${operator}" bestaat niet.`);
    }
    for (const [column, field] of BIV) {
      if (!has(r, column)) continue;
      const value = r[column] ?? '';
      if (value && !/^[123]$/.test(value))
        reasons.push(`${column}: "${value}" is geen BIV-niveau; kies 1, 2 of 3 of laat leeg.`);
      data[field] = value ? Number(value) : null;
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key))
      reasons.push(`Sleutel "${key}" mag alleen kleine letters, cijfers en koppeltekens bevatten.`);
    if (seen.has(key)) reasons.push(`Sleutel "${key}" staat al op een eerdere regel.`);
    seen.add(key);
    if (reasons.length || !(product || newProduct)) {
      refused.push({ line, message: reasons.join(' ') });
      return;
    }
    // Another organisation as operator is a proposal to it (unless it already operates the usage).
    const wanted = data.operatorId;
    const operatorProposal = wanted !== undefined && operatorNeedsConsent(org.id, before?.operatorId ?? null, wanted);
    const proposalChange =
      wanted === undefined
        ? []
        : operatorProposal && pendingOperator.get(key) !== wanted
          ? [
              `technisch beheer: voorstel aan ${organisationName.get(wanted ?? '') ?? wanted}, dat het eerst moet aanvaarden`,
            ]
          : !operatorProposal && pendingOperator.has(key)
            ? [
                `voorstel technisch beheer aan ${organisationName.get(pendingOperator.get(key) ?? '') ?? ''} ingetrokken`,
              ]
            : [];
    const storedComponents = before?.referenceComponents
      .map((c) => c.referenceComponentId)
      .sort()
      .join(',');
    // Only what the file carries is compared: a field it leaves out stays as it is, so it is no change.
    const changes = before
      ? [
          ...(newProduct || before.productId !== data.productId ? ['pakket'] : []),
          ...(newVersion
            ? [`versie ${newVersion} (nieuw bij het pakket)`]
            : data.versionId !== undefined && before.versionId !== data.versionId
              ? ['versie']
              : []),
          ...(data.status !== undefined && before.status !== data.status ? ['status'] : []),
          ...STATUSES.filter(
            ([, , , f]) =>
              data.dates[f] !== undefined && (before[f]?.getTime() ?? null) !== (data.dates[f]?.getTime() ?? null),
          ).map(([, , column]) => column.toLowerCase()),
          ...(data.referenceComponentIds && storedComponents !== data.referenceComponentIds.join(',')
            ? ['referentiecomponenten']
            : []),
          ...(!operatorProposal && data.operatorId !== undefined && before.operatorId !== data.operatorId
            ? ['technisch beheer']
            : []),
          ...proposalChange,
          ...BIV.filter(([, f]) => data[f] !== undefined && before[f] !== data[f]).map(([column]) =>
            column.toLowerCase(),
          ),
        ]
      : proposalChange;
    rows.push({
      line,
      key,
      product: product?.name ?? name,
      action: before ? (changes.length ? 'CHANGE' : 'UNCHANGED') : 'ADD',
      changes: !before && newVersion ? [...changes, `versie ${newVersion} (nieuw bij het pakket)`] : changes,
      data,
      ...(operatorProposal ? { operatorProposal } : {}),
      ...(newProduct ? { newProduct } : {}),
      ...(newVersion ? { newVersion } : {}),
    });
  });
  return { organisation: org, rows, refused, recognised };
}
