// What one Softwarecatalogus application keeps at its usage: reference components placed in GEMMA or kept, the other
// columns kept where they differ from what Grondplan writes, and the plan's rows naming the kept fields that change.
import type { SwcValue } from './swc-columns.ts';
import type { SwcRow } from './swc-read.ts';
import { type Derivable, derived, keptFields, keptText, MAPPED_VALUES, pairs, sameMapped } from './swc-values.ts';
import type { PlannedUsage } from './usages-csv.ts';

/** Columns the import places itself, never kept as they are. */
const PLACED_COLUMNS = [
  'naam',
  '_aanbieder',
  'referentieComponenten',
  '_referentieComponenten',
  'koppelingen',
  '_koppelingen',
];

/**
 * Reference components by GEMMA id, else by name; the ones GEMMA lacks are kept. Returns the placed ids as the usages
 * column, or undefined when the file has no reference component columns.
 */
export function placeComponents(
  v: SwcRow['values'],
  kept: Record<string, SwcValue>,
  components: { ids: ReadonlySet<string>; byName: ReadonlyMap<string, string> },
  note: (message: string) => void,
): string | undefined {
  if (!('referentieComponenten' in v) && !('_referentieComponenten' in v)) return undefined;
  const placed: string[] = [];
  const unplaced = pairs(v.referentieComponenten, v._referentieComponenten).filter((pair) => {
    const id = components.ids.has(pair.id.toLowerCase())
      ? pair.id.toLowerCase()
      : components.byName.get(pair.name.toLowerCase());
    if (id) placed.push(id);
    else note(`Referentiecomponent "${pair.name || pair.id}" staat niet in GEMMA; bewaard bij het gebruik.`);
    return !id;
  });
  delete kept.referentieComponenten;
  delete kept._referentieComponenten;
  if (unplaced.length) {
    kept.referentieComponenten = unplaced.map((x) => x.id);
    kept._referentieComponenten = unplaced.map((x) => x.name);
  }
  return [...new Set(placed)].sort().join(', ');
}

/** Every other column of the file: kept where it says something else than Grondplan would write. */
export function keepOtherColumns(
  v: SwcRow['values'],
  kept: Record<string, SwcValue>,
  derivable: Derivable,
  note: (message: string) => void,
): void {
  for (const column of Object.keys(v)) {
    if (PLACED_COLUMNS.includes(column)) continue;
    const value = v[column] as SwcValue;
    const own = derived(column, derivable);
    if (sameMapped(column, value, own)) delete kept[column];
    else {
      kept[column] = value;
      const parse = MAPPED_VALUES[column];
      if (parse && typeof value === 'string' && value.trim() && parse(value) === null)
        note(`${column}: "${value}" kent Grondplan niet; de waarde is bewaard bij het gebruik.`);
      else if (parse || column === 'licentie')
        note(
          `${column}: het bestand zegt "${value}", de catalogus "${own || 'niets'}" bij ${derivable.product.name}; de catalogus blijft zoals hij is, de waarde is bewaard bij het gebruik.`,
        );
    }
  }
}

/** The kept fields to write per usage key (null clears), only where they change. */
export function keptChanges(
  resolved: { key: string; before: { externalFields: string | null } | undefined; kept: Record<string, SwcValue> }[],
) {
  return resolved.flatMap((r) => {
    const before = r.before?.externalFields ?? null;
    const after = keptText(r.kept);
    return keptText(keptFields(before)) === after ? [] : [{ key: r.key, before, after }];
  });
}

/** The usages plan's rows, each with the line of the file and the kept fields that change named. */
export function rowsWithKept(
  usageRows: PlannedUsage[],
  kept: { key: string; before: string | null; after: string | null }[],
  lineOf: (line: number) => number,
) {
  const keptChange = new Map(kept.map((k) => [k.key, k]));
  return usageRows.map((r) => {
    const change = keptChange.get(r.key);
    const fields = change
      ? [...new Set([...Object.keys(keptFields(change.before)), ...Object.keys(keptFields(change.after))])].filter(
          (f) => JSON.stringify(keptFields(change.before)[f]) !== JSON.stringify(keptFields(change.after)[f]),
        )
      : [];
    const changes = [
      ...r.changes,
      ...(r.action !== 'ADD' && fields.length ? [`bewaarde velden (${fields.sort().join(', ')})`] : []),
    ];
    return {
      line: lineOf(r.line),
      key: r.key,
      product: r.product,
      action: r.action === 'UNCHANGED' && changes.length ? ('CHANGE' as const) : r.action,
      changes,
    };
  });
}
