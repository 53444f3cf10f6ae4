// The 33 columns of the Softwarecatalogus export and what an import does with each (mapped, kept or ignored).
/** The columns of the export, in its order. */
export const SWC_COLUMNS = [
  'id',
  'naam',
  'beschrijvingKort',
  'beschrijvingLang',
  'website',
  'contactpersoon',
  '_contactpersoon',
  'cloudDienstverleningsmodel',
  'hostingJurisdictie',
  'hostingLocatie',
  'aanbieder',
  '_aanbieder',
  'licentietype',
  'licentie',
  'referentieComponenten',
  '_referentieComponenten',
  'type',
  'logo',
  'diensten',
  '_diensten',
  'koppelingen',
  '_koppelingen',
  'compliancy',
  '_compliancy',
  'standaarden',
  'standaardenGemma',
  'standaardVersies',
  '_standaardVersies',
  'moduleVersies',
  '_moduleVersies',
  'gebruiken',
  '_gebruiken',
  'geregistreerdDoor',
] as const;
export type SwcColumnName = (typeof SWC_COLUMNS)[number];

/** Columns whose cells hold a JSON array (ids, or the readable names beside them). */
export const LIST_COLUMNS: ReadonlySet<string> = new Set([
  'referentieComponenten',
  '_referentieComponenten',
  'diensten',
  '_diensten',
  'koppelingen',
  '_koppelingen',
  'compliancy',
  '_compliancy',
  'standaarden',
  'standaardenGemma',
  'standaardVersies',
  '_standaardVersies',
  'moduleVersies',
  '_moduleVersies',
  'gebruiken',
  '_gebruiken',
]);

export type SwcValue = string | string[];
type ColumnTreatment = 'MAPPED' | 'KEPT' | 'IGNORED';
export interface SwcColumn {
  column: string;
  treatment: ColumnTreatment;
  /** In Dutch: what the column becomes in Grondplan. */
  target: string;
}

const KEPT = 'bewaard bij het gebruik, teruggeschreven bij export';
const PERSONAL = 'persoonsgegevens worden niet overgenomen';
/** Columns never read, and never kept (an export writes them empty). */
export const PERSONAL_COLUMNS = ['contactpersoon', '_contactpersoon'] as const;
/** Whether the import reads a column at all: known, and not ignored. */
export const isRead = (column: string) => column in COLUMN_USE && COLUMN_USE[column as SwcColumnName][0] !== 'IGNORED';

/** At most this many values in one list cell; a longer list is refused. */
export const MAX_LIST = 500;
/** At most this many bytes of kept fields per usage (as stored, JSON); more is refused. */
export const MAX_KEPT_BYTES = 64 * 1024;
/** At most this many notes per file; the rest are counted in one line. */
export const MAX_NOTES = 200;
const COMPARED = (field: string) =>
  `vergeleken met ${field} van het pakket in de catalogus; een afwijkende waarde wordt ${KEPT}`;
/** What each column of the export becomes; the dry run lists this for every column of the file. */
const COLUMN_USE: Record<SwcColumnName, [ColumnTreatment, string]> = {
  id: ['KEPT', `Softwarecatalogus-id; ${KEPT}`],
  naam: ['MAPPED', 'pakket (herkend in de catalogus)'],
  beschrijvingKort: ['KEPT', KEPT],
  beschrijvingLang: ['KEPT', KEPT],
  website: ['KEPT', KEPT],
  // A contact person is a personal name or e-mail address; kept fields are public, so these are not read at all.
  contactpersoon: ['IGNORED', PERSONAL],
  _contactpersoon: ['IGNORED', PERSONAL],
  cloudDienstverleningsmodel: ['MAPPED', COMPARED('het leveringsmodel')],
  hostingJurisdictie: ['MAPPED', COMPARED('de hostingjurisdictie')],
  hostingLocatie: ['KEPT', KEPT],
  aanbieder: ['KEPT', `Softwarecatalogus-id van de leverancier; ${KEPT}`],
  _aanbieder: ['MAPPED', 'leverancier (om het pakket te herkennen)'],
  licentietype: ['MAPPED', COMPARED('open source of niet')],
  licentie: ['MAPPED', COMPARED('de licentie')],
  referentieComponenten: [
    'MAPPED',
    'referentiecomponenten van het gebruik (GEMMA-id); onbekende worden bewaard bij het gebruik',
  ],
  _referentieComponenten: [
    'MAPPED',
    'referentiecomponenten van het gebruik (op naam, waar de GEMMA-id ontbreekt of onbekend is)',
  ],
  type: ['KEPT', KEPT],
  logo: ['KEPT', KEPT],
  diensten: ['KEPT', KEPT],
  _diensten: ['KEPT', KEPT],
  koppelingen: [
    'MAPPED',
    'koppelingen (als beide kanten in het landschap of het bestand staan); de andere worden bewaard bij het gebruik',
  ],
  _koppelingen: ['MAPPED', 'koppelingen (op naam van de andere applicatie of landelijke voorziening)'],
  compliancy: ['KEPT', KEPT],
  _compliancy: ['KEPT', KEPT],
  standaarden: ['KEPT', KEPT],
  standaardenGemma: ['KEPT', KEPT],
  standaardVersies: ['KEPT', KEPT],
  _standaardVersies: ['KEPT', KEPT],
  moduleVersies: ['MAPPED', `versie van het gebruik (als het een bekende versie noemt); verder ${KEPT}`],
  _moduleVersies: ['MAPPED', `versie van het gebruik (op naam); verder ${KEPT}`],
  gebruiken: ['KEPT', KEPT],
  _gebruiken: ['KEPT', KEPT],
  geregistreerdDoor: ['KEPT', KEPT],
};

/** The dry run's list: every column of the file with what it becomes (unknown columns are ignored). */
export const columnsOf = (names: readonly string[]): SwcColumn[] =>
  names.map((column) => {
    const use = COLUMN_USE[column as SwcColumnName];
    return use
      ? { column, treatment: use[0], target: use[1] }
      : { column, treatment: 'IGNORED', target: 'onbekende kolom; genegeerd' };
  });
