// The koppelingen a Softwarecatalogus file names: which usages (or national facilities) they join, and the records a
// koppelingen import writes for those not in the landscape yet.

import { slugify } from '#prisma/slug.ts';
import type { InterfaceRecord } from './interfaces-csv.ts';
import type { SwcValue } from './swc-columns.ts';
import type { SwcPlanRow } from './swc-plan.ts';
import { keptFields, pairs } from './swc-values.ts';
import { uniqueKeys } from './unique-key.ts';

/** A koppeling the file asks for, by the usage keys at its ends (or a facility's id). */
interface WantedInterface {
  from: string;
  to: string | null;
  service: string | null;
  mutual: boolean;
  line: number;
}

interface ResolvedApplication {
  line: number;
  key: string;
  name: string;
  values: Partial<Record<string, SwcValue>>;
  kept: Record<string, SwcValue>;
}
interface LandscapeUsage {
  id: string;
  key: string;
  externalFields: string | null;
  product: { name: string };
}
type Service = { id: string; name: string };

/** The koppelingen the applications name, by an id of their ends; what cannot be placed is kept on the usage (and noted). */
export function wantedInterfaces(
  resolved: ResolvedApplication[],
  existing: LandscapeUsage[],
  services: Service[],
  note: (line: number, message: string) => void,
): Map<string, WantedInterface> {
  // Koppelingen: an entry names the other application by its id or name (in this file or the landscape), or a
  // national facility by name. Placed ones become koppelingen; the rest are kept on the usage.
  const fileById = new Map(
    resolved.flatMap((r) => [
      [r.key, r.key] as const,
      ...(typeof r.values.id === 'string' && r.values.id ? [[r.values.id, r.key] as const] : []),
    ]),
  );
  const fileByName = new Map(resolved.map((r) => [r.name.toLowerCase(), r.key]));
  const landscapeById = new Map(
    existing.flatMap((u) => [
      [u.key, u.key] as const,
      [String(keptFields(u.externalFields).id ?? u.key), u.key] as const,
    ]),
  );
  const productCount = new Map<string, number>();
  for (const u of existing)
    productCount.set(u.product.name.toLowerCase(), (productCount.get(u.product.name.toLowerCase()) ?? 0) + 1);
  const landscapeByName = new Map(
    existing
      .filter((u) => productCount.get(u.product.name.toLowerCase()) === 1)
      .map((u) => [u.product.name.toLowerCase(), u.key]),
  );
  const serviceByName = new Map(services.map((s) => [s.name.toLowerCase(), s.id]));
  const wanted = new Map<string, WantedInterface>();
  for (const r of resolved) {
    if (!('koppelingen' in r.values || '_koppelingen' in r.values)) continue;
    delete r.kept.koppelingen;
    delete r.kept._koppelingen;
    const unplaced = pairs(r.values.koppelingen, r.values._koppelingen).filter((pair) => {
      const other =
        fileById.get(pair.id) ??
        landscapeById.get(pair.id) ??
        fileByName.get(pair.name.toLowerCase()) ??
        landscapeByName.get(pair.name.toLowerCase());
      const service = other
        ? null
        : (serviceByName.get(pair.name.toLowerCase()) ?? serviceByName.get(pair.id.toLowerCase()) ?? null);
      if ((!other && !service) || other === r.key) {
        note(
          r.line,
          `Koppeling met "${pair.name || pair.id}": de andere kant staat niet in het landschap of in het bestand; niet geplaatst, bewaard bij het gebruik.`,
        );
        return true;
      }
      const id = other ? [r.key, other].sort().join('|') : `${r.key}|voorziening:${service}`;
      const seen = wanted.get(id);
      if (seen) seen.mutual = seen.mutual || seen.from !== r.key;
      else wanted.set(id, { from: r.key, to: other ?? null, service, mutual: false, line: r.line });
      return false;
    });
    if (unplaced.length) {
      r.kept.koppelingen = unplaced.map((x) => x.id);
      r.kept._koppelingen = unplaced.map((x) => x.name);
    }
  }
  return wanted;
}

/** Records for the wanted koppelingen that are not there yet; one already there (either direction) is a row left unchanged. */
export function interfaceRecordsOf(
  wanted: Map<string, WantedInterface>,
  landscape: {
    interfaces: { key: string; fromUsageId: string; toUsageId: string | null; externalServiceId: string | null }[];
    existing: LandscapeUsage[];
    services: Service[];
  },
  rows: SwcPlanRow[],
): InterfaceRecord[] {
  const { interfaces, existing, services } = landscape;
  // Koppelingen between usages (or to a facility) that are there already, in either direction, stay as they are.
  const keyOfUsage = new Map(existing.map((u) => [u.id, u.key]));
  const present = new Map<string, string>();
  for (const i of interfaces) {
    const from = keyOfUsage.get(i.fromUsageId) ?? '';
    const to = i.toUsageId ? keyOfUsage.get(i.toUsageId) : undefined;
    const id = to
      ? [from, to].sort().join('|')
      : i.externalServiceId
        ? `${from}|voorziening:${i.externalServiceId}`
        : '';
    if (id && !present.has(id)) present.set(id, i.key);
  }
  const newInterfaceKey = uniqueKeys(new Set(interfaces.map((i) => i.key)));
  const interfaceRecords: InterfaceRecord[] = [];
  for (const [id, w] of wanted) {
    const existingKey = present.get(id);
    if (existingKey) {
      rows.push({ line: w.line, key: existingKey, product: 'Koppeling', action: 'UNCHANGED', changes: [] });
      continue;
    }
    const base = slugify(`${w.from}-${w.to ?? services.find((s) => s.id === w.service)?.name ?? 'voorziening'}`).slice(
      0,
      80,
    );
    const key = newInterfaceKey(base);
    interfaceRecords.push({
      line: w.line,
      Sleutel: key,
      'Van (gebruik)': w.from,
      'Naar (gebruik)': w.to ?? '',
      'Naar (landelijke voorziening)': w.service ? (services.find((s) => s.id === w.service)?.name ?? '') : '',
      'Via (gebruik)': '',
      Soort: 'API',
      Richting: w.mutual ? 'BOTH' : 'A_TO_B',
      Status: 'IN_USE',
      'Kopieert gegevens': 'nee',
      'Standaarden (GEMMA-id)': '',
      Omschrijving: '',
    });
  }
  return interfaceRecords;
}
