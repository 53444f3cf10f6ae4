// A landscape as it is (or will be) on a day, for the ArchiMate export of that day's plateau: only the usages there on
// that day and not retired, each with its status then (core/landscape-at.ts), the koppelingen between them.
import type { Database } from '#prisma/client.ts';
import { todayNl } from '../dates.ts';
import { loadLandscapeInputs, statusesOn } from '../landscape-load.ts';
import type { ExportLandscape } from './load.ts';

/** The landscape on `day`: usages not there or retired then left out, the others with their status of that day. */
export async function landscapeOnDay(
  db: Database,
  landscape: ExportLandscape,
  day: Date,
  today = todayNl(),
): Promise<ExportLandscape> {
  const organisation = await db.prisma.organisation.findUniqueOrThrow({
    where: { slug: landscape.organisation.slug },
    select: { id: true },
  });
  const [inputs] = await loadLandscapeInputs(db, [organisation.id]);
  const statuses = inputs ? statusesOn(inputs, day, today) : new Map();
  return {
    ...landscape,
    usages: landscape.usages.flatMap((u) => {
      const status = statuses.get(u.id);
      return status && status !== 'RETIRED'
        ? [{ ...u, status, statusSince: u.statusDates[status] ?? (day > today ? null : u.statusSince) }]
        : [];
    }),
  };
}
