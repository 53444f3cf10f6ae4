// The BIO2 import for instance administrators: a later overheidsmaatregelen.csv as a plan (what it would add, change,
// move and remove), then applied in one transaction with one audit event. Statement lines and the measures of
// processing activities never go silently: a file that drops a number some statement has a line for, or some
// activity names, is refused (a moved number keeps its row, its lines and its links).
import type { Database } from '#prisma/client.ts';
import { importingFile, recordAudit, type Tx } from '../audit.ts';
import type { Bio2MeasureColumns, Bio2Row } from '../bio2.ts';
import type { Viewer } from '../context.ts';
import { bio2Difference, replaceBio2Measures } from './bio2.ts';

/** One measure the file adds, changes or removes, with the file's columns that differ (Dutch, as in the file). */
export interface Bio2Change {
  number: string;
  action: 'ADD' | 'CHANGE' | 'REMOVE';
  fields: string[];
  movedTo: string | null;
}

const COLUMN_OF = {
  control: 'beheersmaatregel',
  theme: 'thema',
  kind: 'soort',
  movedTo: 'verplaatst_naar',
  text: 'tekst',
} as const satisfies Partial<Record<keyof Bio2MeasureColumns, string>>;

export interface Bio2Plan {
  /** Every measure that changes, in the file's order, removed ones last. */
  changes: Bio2Change[];
  added: string[];
  changed: string[];
  removed: string[];
  moved: { number: string; to: string }[];
  unchanged: number;
  total: number;
  /** Statement lines on numbers this file marks as moved for the first time: they stay, under the old number. */
  linesOnMoved: number;
  /** Why the file cannot be applied (Dutch); empty when it can. */
  refused: string[];
}

type Reader = Pick<Tx, 'bio2Measure' | 'vvtStatement' | 'processingActivityMeasure'>;

const one = (n: number, singular: string, plural: string) => (n === 1 ? singular : plural);

/** The refusal for numbers the file drops while `holders` still point at them; `kept` is what moving them keeps. */
function dropped(numbers: string[], holders: string, kept: string) {
  const single = numbers.length === 1;
  return `${single ? 'Maatregel' : 'De maatregelen'} ${numbers.join(', ')} ${single ? 'komt' : 'komen'} niet meer in het bestand voor, maar ${holders}. Neem ${single ? 'die maatregel' : 'die maatregelen'} op met soort "verplaatst" en het nieuwe nummer, zodat ${kept} bewaard blijven; er is niets veranderd.`;
}

/** What applying `rows` would do, and whether it may: read only. */
export async function planBio2Import(db: Reader, rows: readonly Bio2Row[]): Promise<Bio2Plan> {
  const before = await db.bio2Measure.findMany({ orderBy: { position: 'asc' } });
  const { next, added, changed, removed, moved } = bio2Difference(before, rows);
  const withLines = removed.length
    ? await db.vvtStatement.findMany({
        where: { measureNumber: { in: removed } },
        select: { measureNumber: true, organisationId: true },
      })
    : [];
  // Links from processing activities would go with the measure too (the foreign key cascades): refused the same way.
  const withActivities = removed.length
    ? await db.processingActivityMeasure.findMany({
        where: { measureNumber: { in: removed } },
        select: { measureNumber: true, activityId: true, activity: { select: { organisationId: true } } },
      })
    : [];
  const refused: string[] = [];
  const lineNumbers = [...new Set(withLines.map((l) => l.measureNumber))].sort();
  if (lineNumbers.length) {
    const n = new Set(withLines.map((l) => l.organisationId)).size;
    refused.push(
      dropped(
        lineNumbers,
        `${n} ${one(n, 'Verklaring', 'Verklaringen')} van Toepasselijkheid ${one(n, 'heeft', 'hebben')} er regels bij`,
        'de regels',
      ),
    );
  }
  const activityNumbers = [...new Set(withActivities.map((l) => l.measureNumber))].sort();
  if (activityNumbers.length) {
    const activities = new Set(withActivities.map((l) => l.activityId)).size;
    const n = new Set(withActivities.map((l) => l.activity.organisationId)).size;
    refused.push(
      dropped(
        activityNumbers,
        `${activities} ${one(activities, 'verwerking', 'verwerkingen')} in ${one(n, 'het register', 'de registers')} van ${n} ${one(n, 'organisatie', 'organisaties')} ${one(activities, 'is', 'zijn')} ermee beveiligd`,
        'die koppelingen',
      ),
    );
  }
  const linesOnMoved = moved.length
    ? await db.vvtStatement.count({ where: { measureNumber: { in: moved.map((m) => m.number) } } })
    : 0;
  const touched = new Set([...added, ...changed]);
  const old = new Map(before.map((m) => [m.number, m]));
  const changes: Bio2Change[] = [
    ...next
      .filter((m) => touched.has(m.number))
      .map((m): Bio2Change => {
        const was = old.get(m.number);
        const fields = was ? (Object.keys(COLUMN_OF) as (keyof typeof COLUMN_OF)[]).filter((k) => was[k] !== m[k]) : [];
        return {
          number: m.number,
          action: was ? 'CHANGE' : 'ADD',
          fields: fields.map((k) => COLUMN_OF[k]),
          movedTo: m.movedTo,
        };
      }),
    ...removed.map((number): Bio2Change => ({ number, action: 'REMOVE', fields: [], movedTo: null })),
  ];
  return {
    changes,
    added,
    changed,
    removed,
    moved,
    unchanged: next.filter((m) => !touched.has(m.number)).length,
    total: next.length,
    linesOnMoved,
    refused,
  };
}

/**
 * Applies `rows` in one transaction when the plan (made again inside it) refuses nothing: the measures replaced, one
 * audit event (Bio2 IMPORT) with the counts and the file name, and so the data version raised.
 */
export async function applyBio2Import(
  db: Database,
  rows: readonly Bio2Row[],
  actor: Viewer,
  fileName: string,
): Promise<Bio2Plan> {
  return db.prisma.$transaction(
    async (tx) => {
      const plan = await planBio2Import(tx, rows);
      if (plan.refused.length) return plan;
      importingFile(tx, fileName);
      const replaced = await replaceBio2Measures(tx, rows);
      await recordAudit(tx, {
        actor,
        source: 'IMPORT',
        organisationId: null,
        entityType: 'Bio2',
        entityId: fileName,
        action: 'IMPORT',
        before: null,
        after: {
          file: fileName,
          added: replaced.added.length,
          changed: replaced.changed.length,
          moved: replaced.moved.length,
          removed: replaced.removed.length,
          total: replaced.total,
          linesOnMoved: plan.linesOnMoved,
        },
      });
      return plan;
    },
    { timeout: 120_000 },
  );
}
