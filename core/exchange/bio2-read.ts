// Reading a (later) version of BIO2's overheidsmaatregelen.csv, as content/bio2 holds it, for the BIO2 import: every
// row checked against the same schema the seed uses, and the rows as a whole (bio2Problems), with Dutch messages.
// What replacing the stored measures would change is bio2Difference (./bio2.ts); writing it, replaceBio2Measures.
import { type Bio2Row, bio2MeasureSchema, bio2Problems } from '../bio2.ts';
import { csvObjects, fileText, type RowProblem } from './file-text.ts';

export const BIO2_MAX_BYTES = 2_000_000;
const COLUMNS = ['nummer', 'beheersmaatregel', 'thema', 'soort', 'verplaatst_naar', 'tekst'];

/** The rows of the file, or every problem it has (nothing is imported from a file with one). */
export function readBio2Csv(bytes: Uint8Array): { rows: Bio2Row[] } | { problems: RowProblem[] } {
  const read = fileText(bytes, BIO2_MAX_BYTES, 'Sla het op als CSV (UTF-8).');
  if ('problem' in read) return { problems: [read.problem] };
  const parsed = csvObjects(read.text);
  if ('problem' in parsed) return { problems: [parsed.problem] };
  const header = Object.keys(parsed.records[0] ?? {});
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (parsed.records.length === 0 || missing.length)
    return {
      problems: [
        {
          line: 1,
          message: `Dit is geen overheidsmaatregelen.csv: ${missing.length ? `de kolommen ${missing.join(', ')} ontbreken` : 'het bestand heeft geen rijen'}; verwacht: ${COLUMNS.join(', ')}.`,
        },
      ],
    };
  const problems: RowProblem[] = [];
  const rows: Bio2Row[] = [];
  parsed.records.forEach((record, i) => {
    const checked = bio2MeasureSchema.safeParse(record);
    if (checked.success) rows.push(checked.data);
    else
      for (const issue of checked.error.issues)
        problems.push({
          line: i + 2,
          message: `rij ${i + 1} (${record.nummer ?? '?'}), ${issue.path.join('.')}: verwacht ${issue.message}`,
        });
  });
  for (const message of bio2Problems(rows)) problems.push({ line: 0, message });
  return problems.length ? { problems } : { rows };
}
