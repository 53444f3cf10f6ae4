// Plans a Softwarecatalogus import: every application of the file matched to a usage, its kept fields and koppelingen; changes nothing.
import type { Database } from '#prisma/client.ts';
import { slugify } from '#prisma/slug.ts';
import type { RowProblem } from './file-text.ts';
import { type InterfacePlan, planInterfaces } from './interfaces-csv.ts';
import { day } from './load.ts';
import { loadCandidates, matchProduct, matchSupplier } from './matching.ts';
import {
  columnsOf,
  MAX_KEPT_BYTES,
  MAX_NOTES,
  PERSONAL_COLUMNS,
  type SwcColumn,
  type SwcValue,
} from './swc-columns.ts';
import { interfaceRecordsOf, wantedInterfaces } from './swc-interfaces.ts';
import { keepOtherColumns, keptChanges, placeComponents, rowsWithKept } from './swc-kept.ts';
import { readSwc, type SwcFormat, type SwcRow } from './swc-read.ts';
import { DERIVABLE_PRODUCT_SELECT, type Derivable, keptFields, keptText, pairs } from './swc-values.ts';
import { uniqueKeys } from './unique-key.ts';
import {
  ADD_UNKNOWN_HINT,
  type ImportOptions,
  type ImportPlan,
  STATUS_DATE_COLUMNS,
  STATUS_DATES_SELECT,
} from './usages-csv.ts';
import { planUsagesImport } from './usages-plan.ts';

export interface SwcPlanRow {
  line: number;
  key: string;
  product: string;
  action: 'ADD' | 'CHANGE' | 'UNCHANGED';
  changes: string[];
}

export interface SwcPlan {
  organisation: { id: string; slug: string };
  format: SwcFormat;
  columns: SwcColumn[];
  /** Usages, then koppelingen (product "Koppeling"). */
  rows: SwcPlanRow[];
  refused: RowProblem[];
  /** What the user should know but that refuses nothing: matches by a weaker sign, values not placed, differences. */
  notes: RowProblem[];
  usages: ImportPlan | null;
  interfaces: InterfacePlan | null;
  /** Kept fields to write per usage key (null clears), only where they change. */
  kept: { key: string; before: string | null; after: string | null }[];
}

/** Reads the file and plans every usage and koppeling in it; changes nothing. Null when the organisation does not exist. */
export async function planSwcImport(
  db: Database,
  slug: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<SwcPlan | null> {
  const read = readSwc(bytes);
  const p = db.prisma;
  const org = await p.organisation.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!org) return null;
  const columns = columnsOf(read.columns);
  const empty = {
    organisation: org,
    format: read.format,
    columns,
    rows: [],
    notes: [],
    usages: null,
    interfaces: null,
    kept: [],
  };
  if (read.problems.length) return { ...empty, refused: read.problems };
  const [{ suppliers, products: candidates }, products, components, services, existing, interfaces] = await Promise.all(
    [
      // Suppliers and products as every importer recognises them, by their former names (aliases) too.
      loadCandidates(p),
      p.product.findMany({
        select: {
          ...DERIVABLE_PRODUCT_SELECT,
          id: true,
          slug: true,
          supplierId: true,
          versions: { select: { name: true } },
        },
      }),
      p.referenceComponent.findMany({ select: { id: true, name: true } }),
      p.externalService.findMany({ select: { id: true, name: true } }),
      p.usage.findMany({
        where: { organisationId: org.id },
        orderBy: { key: 'asc' },
        select: {
          id: true,
          key: true,
          productId: true,
          status: true,
          ...STATUS_DATES_SELECT,
          externalFields: true,
          version: { select: { name: true } },
          product: { select: { name: true } },
          referenceComponents: { select: { referenceComponentId: true } },
        },
      }),
      p.interface.findMany({
        where: { organisationId: org.id },
        select: { key: true, fromUsageId: true, toUsageId: true, externalServiceId: true },
      }),
    ],
  );
  const componentIds = new Set(components.map((c) => c.id));
  const componentByName = new Map(components.map((c) => [c.name.toLowerCase(), c.id]));
  const productById = new Map(products.map((x) => [x.id, x]));
  const existingByProduct = new Map<string, typeof existing>();
  for (const u of existing) existingByProduct.set(u.productId, [...(existingByProduct.get(u.productId) ?? []), u]);
  const newUsageKey = uniqueKeys(new Set(existing.map((u) => u.key)));
  const claimed = new Set<string>();
  const refused: RowProblem[] = [];
  const notes: RowProblem[] = [];
  // Notes are information, not refusals: the first MAX_NOTES are listed, the rest counted in one line at the end.
  let moreNotes = 0;
  const note = (line: number, message: string) => {
    if (notes.length < MAX_NOTES) notes.push({ line, message });
    else moreNotes += 1;
  };

  interface Resolved {
    line: number;
    values: SwcRow['values'];
    key: string;
    name: string;
    before: (typeof existing)[number] | undefined;
    kept: Record<string, SwcValue>;
  }
  const resolved: Resolved[] = [];
  const records: Record<string, string>[] = [];
  for (const row of read.rows) {
    const v = row.values;
    const text = (column: string) => {
      const value = v[column];
      return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
    };
    const naam = text('naam');
    if (!naam) {
      refused.push({ line: row.line, message: 'naam is leeg.' });
      continue;
    }
    const supplierName = text('_aanbieder');
    const supplier = supplierName ? matchSupplier({ name: supplierName }, suppliers) : null;
    const found = matchProduct(naam, supplier?.match.id ?? null, candidates);
    const known = found ? productById.get(found.match.id) : undefined;
    if (!found || !known) {
      if (!supplierName || !options.addUnknownProducts) {
        refused.push({
          line: row.line,
          message: `Pakket "${naam}"${supplierName ? ` van "${supplierName}"` : ''} staat niet in de catalogus. ${
            supplierName
              ? ADD_UNKNOWN_HINT
              : 'Zonder leverancier (_aanbieder) kan het niet worden toegevoegd; vul die in, of voeg het pakket eerst toe (bijvoorbeeld uit zijn publiccode.yml).'
          }`,
        });
        continue;
      }
    } else {
      if (found.reason !== 'zelfde naam, zelfde leverancier' && found.reason !== 'zelfde naam')
        note(
          row.line,
          `"${naam}"${supplierName ? ` van "${supplierName}"` : ''} herkend als pakket ${known.name} van ${known.supplier.name} (${found.reason}).`,
        );
      if (supplierName && !supplier)
        note(row.line, `Leverancier "${supplierName}" is niet herkend; het pakket is op naam gevonden.`);
      else if (supplier && supplier.reason !== 'zelfde naam')
        note(row.line, `Leverancier "${supplierName}" herkend als ${supplier.match.name} (${supplier.reason}).`);
    }
    // A product the catalogue lacks (only with the option) is planned as it will be added: its name and supplier, no
    // versions and nothing else, so that the same file read again after applying compares equal and changes nothing.
    const product = known ?? {
      id: '',
      slug: slugify(naam) || 'pakket',
      name: naam,
      supplier: { name: supplier?.match.name ?? supplierName },
      description: null,
      licence: null,
      openSource: false,
      deliveryModel: null,
      hostingJurisdiction: null,
      versions: [],
    };
    // The usage this application is: the one it came from (same id), else the organisation's usage of the product.
    const swcId = text('id');
    const ofProduct = (existingByProduct.get(product.id) ?? []).filter((u) => !claimed.has(u.key));
    const before =
      ofProduct.find((u) => swcId && keptFields(u.externalFields).id === swcId) ??
      ofProduct.find((u) => !swcId || u.key === swcId) ??
      ofProduct[0];
    const key = before?.key ?? newUsageKey(product.slug);
    claimed.add(key);
    const kept = keptFields(before?.externalFields ?? null);
    // Personal data is never kept, also not what an earlier import stored.
    for (const column of PERSONAL_COLUMNS) delete kept[column];

    // Reference components by GEMMA id, else by name; the rest kept.
    const rowNote = (message: string) => note(row.line, message);
    const componentColumn = placeComponents(v, kept, { ids: componentIds, byName: componentByName }, rowNote);

    // The version when the file names a known one; otherwise the stored version stays.
    let version = before?.version?.name ?? null;
    if ('moduleVersies' in v || '_moduleVersies' in v) {
      const named = pairs(v.moduleVersies, v._moduleVersies).map((x) => x.name || x.id);
      const knownVersion = product.versions.find((x) => named.includes(x.name));
      if (knownVersion) version = knownVersion.name;
      // With the option, a single version the product lacks is added to it (the plan's row says so); several are not guessed at.
      else if (options.addUnknownProducts && named.length === 1 && named[0]) version = named[0];
      else if (named.length)
        note(
          row.line,
          `Versie "${named.join('", "')}" van ${product.name} is niet bekend; de versie blijft zoals hij is.${named.length === 1 ? ` ${ADD_UNKNOWN_HINT}` : ''}`,
        );
    }

    // Every other column of the file: kept where it says something else than Grondplan would write.
    const derivable: Derivable = {
      key,
      product: {
        ...product,
        supplier: product.supplier.name,
        deliveryModel: product.deliveryModel,
        hostingJurisdiction: product.hostingJurisdiction,
      },
      version,
    };
    keepOtherColumns(v, kept, derivable, rowNote);

    // A new product goes in under the names the file gives; planUsagesImport adds it (and its supplier) the one way every import does.
    const record: Record<string, string> = {
      Sleutel: key,
      Leverancier: known ? product.supplier.name : supplierName,
      Pakket: product.name,
      Versie: version ?? '',
    };
    if (before) {
      // What the file does not carry stays as stored.
      record.Status = before.status;
      for (const [column, field] of STATUS_DATE_COLUMNS) record[column] = day(before[field]) ?? '';
      record['Referentiecomponenten (GEMMA-id)'] =
        componentColumn ?? before.referenceComponents.map((c) => c.referenceComponentId).join(', ');
    } else {
      record.Status = 'In productie';
      record['Referentiecomponenten (GEMMA-id)'] = componentColumn ?? '';
    }
    records.push(record);
    resolved.push({ line: row.line, values: v, key, name: product.name, before, kept });
  }

  const wanted = wantedInterfaces(resolved, existing, services, note);

  // Kept fields are a place for what Grondplan has no field for, not for bulk data.
  for (const r of resolved) {
    const size = Buffer.byteLength(keptText(r.kept) ?? '');
    if (size > MAX_KEPT_BYTES)
      refused.push({
        line: r.line,
        message: `Applicatie "${r.name}": de bewaarde velden zijn ${Math.ceil(size / 1024)} kB; hooguit ${MAX_KEPT_BYTES / 1024} kB per gebruik.`,
      });
  }

  // planUsagesImport numbers its records from line 2; give each row back the line of the file.
  const lineOf = (line: number) => resolved[line - 2]?.line ?? line;
  const usages = await planUsagesImport(db, slug, records, {
    addUnknownProducts: options.addUnknownProducts,
    lineName: (line) => `${read.format === 'json' ? 'Applicatie' : 'Regel'} ${lineOf(line)}`,
  });
  if (!usages) return null;
  // How planUsagesImport recognised or will add a product or supplier, each naming its line.
  for (const message of usages.recognised ?? []) note(0, message);
  refused.push(...usages.refused.map((x) => ({ line: lineOf(x.line), message: x.message })));
  const kept = keptChanges(resolved);
  const rows: SwcPlanRow[] = rowsWithKept(usages.rows, kept, lineOf);

  const interfaceRecords = interfaceRecordsOf(wanted, { interfaces, existing, services }, rows);
  let interfacePlan: InterfacePlan | null = null;
  if (interfaceRecords.length) {
    note(
      0,
      'De Softwarecatalogus noemt bij een koppeling geen soort en richting: nieuwe koppelingen worden ingelezen als API, in gebruik, richting van de applicatie die haar noemt (beide kanten als beide haar noemen).',
    );
    const added = new Set(usages.rows.filter((r) => r.action === 'ADD').map((r) => r.key));
    interfacePlan = await planInterfaces(db, slug, interfaceRecords, added);
    if (interfacePlan) {
      refused.push(...interfacePlan.refused.map((x) => ({ line: x.line, message: `Koppeling: ${x.message}` })));
      rows.push(
        ...interfacePlan.rows.map((r) => ({
          line: r.line,
          key: r.key,
          product: 'Koppeling',
          action: r.action,
          changes: [],
        })),
      );
    }
  }
  if (moreNotes) notes.push({ line: 0, message: `… en ${moreNotes} meer.` });
  return {
    organisation: org,
    format: read.format,
    columns,
    rows,
    refused,
    notes,
    usages,
    interfaces: interfacePlan,
    kept,
  };
}
