// An organisation's register of processing activities as a file: CSV (UTF-8 with BOM, semicolons, as the other CSV
// exports) and an Excel workbook with the same rows. The columns follow AVG article 30(1); the transfers outside the EU
// are derived (core/processing.ts), never stored. Only the organisation's own members get its activities: anyone else
// gets the header alone, as the API answers them an empty register.
import { stringify } from 'csv-stringify/sync';
import type { Database } from '#prisma/client.ts';
import type { Reader } from '../privacy.ts';
import {
  type jurisdictionLabel,
  legalGroundLabel,
  listOf,
  processingRoleLabel,
  specialText,
  transfersOutsideEu,
  transfersText,
} from '../processing.ts';
import { neutralise } from './usages-csv.ts';

export const REGISTER_COLUMNS = [
  'Verwerking',
  'Organisatie',
  'Rol',
  'Doel',
  'Grondslag (art. 6 AVG)',
  'Categorieën betrokkenen',
  'Categorieën persoonsgegevens',
  'Bijzondere en strafrechtelijke gegevens',
  'Ontvangers',
  'Doorgifte buiten de EU',
  'Bewaartermijn',
  'Beveiligingsmaatregelen (BIO2)',
  'Applicaties',
] as const;

/** One activity as the register shows it. */
export interface RegisterActivity {
  name: string;
  purpose: string;
  legalGround: keyof typeof legalGroundLabel;
  specialCategories: boolean;
  specialException: Parameters<typeof specialText>[0]['specialException'];
  criminalData: boolean;
  dataSubjects: string;
  personalData: string;
  retention: string;
  recipients: string;
  role: keyof typeof processingRoleLabel;
  measures: { measureNumber: string }[];
  usages: {
    usage: { key: string; product: { name: string; hostingJurisdiction: keyof typeof jurisdictionLabel | null } };
  }[];
}

export interface Register {
  organisation: { slug: string; name: string };
  activities: RegisterActivity[];
}

const ACTIVITY_SELECT = {
  name: true,
  purpose: true,
  legalGround: true,
  specialCategories: true,
  specialException: true,
  criminalData: true,
  dataSubjects: true,
  personalData: true,
  retention: true,
  recipients: true,
  role: true,
  measures: { select: { measureNumber: true }, orderBy: { measureNumber: 'asc' } },
  usages: {
    select: { usage: { select: { key: true, product: { select: { name: true, hostingJurisdiction: true } } } } },
  },
} as const;

/** The register of `slug` as `reader` may read it; null when there is no such organisation. */
export async function loadRegister(db: Database, slug: string, reader: Reader): Promise<Register | null> {
  const organisation = await db.prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true },
  });
  if (!organisation) return null;
  const member = reader === 'operator' || Boolean(reader?.organisationIds.includes(organisation.id));
  const activities = member
    ? await db.prisma.processingActivity.findMany({
        where: { organisationId: organisation.id },
        select: ACTIVITY_SELECT,
        orderBy: { name: 'asc' },
      })
    : [];
  return { organisation: { slug: organisation.slug, name: organisation.name }, activities };
}

/** The supporting usages by product name, then key: "Microsoft 365 (microsoft-365)". */
export function applicationsText(a: Pick<RegisterActivity, 'usages'>): string {
  return a.usages
    .map((u) => u.usage)
    .sort((x, y) => x.product.name.localeCompare(y.product.name, 'nl') || x.key.localeCompare(y.key, 'nl'))
    .map((u) => `${u.product.name} (${u.key})`)
    .join('; ');
}

/** The register's rows (without the header), one per activity, by name. */
export function registerRows(register: Register): string[][] {
  return register.activities.map((a) => [
    a.name,
    register.organisation.name,
    processingRoleLabel[a.role],
    a.purpose,
    legalGroundLabel[a.legalGround],
    listOf(a.dataSubjects).join('; '),
    listOf(a.personalData).join('; '),
    specialText(a),
    listOf(a.recipients).join('; ') || 'Geen',
    transfersText(transfersOutsideEu(a.usages.map((u) => u.usage))),
    a.retention,
    a.measures.map((m) => m.measureNumber).join('; '),
    applicationsText(a),
  ]);
}

export function toRegisterCsv(register: Register): string {
  const rows = registerRows(register).map((r) => r.map(neutralise));
  return `\uFEFF${stringify([[...REGISTER_COLUMNS], ...rows], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

export const REGISTER_SHEET = 'Register van verwerkingen';

export async function toRegisterXlsx(register: Register): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Grondplan';
  // Fixed metadata dates: the workbook's content depends only on the register.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const rows = [[...REGISTER_COLUMNS], ...registerRows(register)];
  const sheet = workbook.addWorksheet(REGISTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row.map(neutralise));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REGISTER_COLUMNS.length } };
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(12, ...rows.map((r) => (r[i] ?? '').length + 2)));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export type RegisterFormat = 'registerCsv' | 'registerXlsx';

/** The register of `slug` as a file; null when there is no such organisation. */
export async function registerFile(
  db: Database,
  slug: string,
  format: RegisterFormat,
  reader: Reader,
): Promise<string | Uint8Array | null> {
  const register = await loadRegister(db, slug, reader);
  if (!register) return null;
  return format === 'registerCsv' ? toRegisterCsv(register) : toRegisterXlsx(register);
}
