// Dutch labels for the API's English enum values, as the Softwarecatalogus and DESIGN.md name them. Pages use them
// through site/lib/labels.ts; the history's sentences (core/history.ts) use them here.
import type * as E from '#prisma/generated/sqlite/client/enums.ts';
import { LAYERS } from './analysis.ts';
import type { SessionMethod } from './auth.ts';
import type { DemandKind } from './capacity.ts';
import { STATUS_LABEL, type STATUSES } from './exchange/usages-csv.ts';
import type { ExpectedStatus } from './expected-interfaces.ts';
import type { DpiaCriterion, EnsiaFacility } from './usage-security.ts';

/** The usage statuses' labels: the one table in usages-csv.ts (STATUSES), as files write them. */
export const usageStatusLabel = STATUS_LABEL as { readonly [S in (typeof STATUSES)[number][0]]: string };

export const architectureLabel = {
  LEGACY: 'Legacy',
  HYBRID: 'Hybride',
  COMMON_GROUND: 'Common Ground',
} as const satisfies Record<E.Architecture, string>;

export const layerLabel = {
  INTERACTION: 'Interactie',
  PROCESS: 'Proces',
  INTEGRATION: 'Integratie',
  SERVICE: 'Diensten',
  DATA: 'Data',
} as const satisfies Record<E.Layer, string>;

/** The layers in the model's order, from interaction down to data. */
export const layerOrder = LAYERS;

export const organisationTypeLabel = {
  MUNICIPALITY: 'Gemeente',
  COOPERATION: 'Samenwerking',
  SUPPLIER: 'Leverancier',
  OTHER: 'Overig',
} as const satisfies Record<E.OrganisationType, string>;

export const interfaceTypeLabel = {
  API: 'API',
  WEBSERVICE: 'Webservice',
  FILE_TRANSFER: 'Bestandsuitwisseling',
  DIGIKOPPELING: 'Digikoppeling',
  MESSAGE_QUEUE: 'Berichtenwachtrij',
  PORTAL_UPLOAD: 'Upload via portaal',
} as const satisfies Record<E.InterfaceType, string>;

export const interfaceStatusLabel = {
  IN_DEVELOPMENT: 'In ontwikkeling',
  IN_USE: 'In gebruik',
  END_OF_SUPPORT: 'Einde ondersteuning',
  WITHDRAWN: 'Ingetrokken',
} as const satisfies Record<E.InterfaceStatus, string>;

export const directionLabel = { A_TO_B: '→', B_TO_A: '←', BOTH: '↔' } as const satisfies Record<
  E.InterfaceDirection,
  string
>;
export const directionText = {
  A_TO_B: 'levert aan',
  B_TO_A: 'haalt op bij',
  BOTH: 'wisselt uit met',
} as const satisfies Record<E.InterfaceDirection, string>;

export const deliveryModelLabel = {
  ON_PREMISES: 'Eigen beheer (on-premises)',
  IAAS: 'IaaS',
  PAAS: 'PaaS',
  SAAS: 'SaaS',
} as const satisfies Record<E.DeliveryModel, string>;

export const timeLabel = {
  TOLERATE: 'Tolereren',
  INVEST: 'Investeren',
  MIGRATE: 'Migreren',
  ELIMINATE: 'Elimineren',
} as const satisfies Record<E.TimeClass, string>;

export const criticalityLabel = {
  LOW: 'Laag',
  MEDIUM: 'Middel',
  HIGH: 'Hoog',
  VITAL: 'Vitaal',
} as const satisfies Record<E.Criticality, string>;

export const dpiaLabel = {
  NOT_NEEDED: 'Niet nodig',
  PLANNED: 'Gepland',
  IN_PROGRESS: 'In uitvoering',
  DONE: 'Uitgevoerd',
} as const satisfies Record<E.DpiaStatus, string>;

export const pentestStateLabel = {
  NO_FINDINGS: 'Geen bevindingen',
  FINDINGS_OPEN: 'Bevindingen open',
  FINDINGS_RESOLVED: 'Bevindingen opgelost',
} as const satisfies Record<E.PentestState, string>;

export const aiRiskClassLabel = {
  PROHIBITED: 'Verboden',
  HIGH: 'Hoog risico',
  LIMITED: 'Beperkt risico',
  MINIMAL: 'Minimaal risico',
} as const satisfies Record<E.AiRiskClass, string>;

/** The nine EDPB criteria for a DPIA, as the checklist names them. */
export const dpiaCriterionLabel = {
  EVALUATION_OR_SCORING: 'Evaluatie of scoring (profilering)',
  AUTOMATED_DECISION: 'Geautomatiseerde besluitvorming met rechtsgevolg',
  SYSTEMATIC_MONITORING: 'Stelselmatige monitoring',
  SENSITIVE_DATA: 'Gevoelige of bijzondere persoonsgegevens',
  LARGE_SCALE: 'Grootschalige verwerking',
  MATCHED_DATASETS: 'Gekoppelde of gecombineerde datasets',
  VULNERABLE_SUBJECTS: 'Kwetsbare betrokkenen',
  INNOVATIVE_TECHNOLOGY: 'Innovatieve technologie',
  PREVENTS_RIGHTS: 'Verhindert de uitoefening van een recht of dienst',
} as const satisfies Record<DpiaCriterion, string>;

/** The parts of ENSIA's self-evaluation a usage can be in scope of. */
export const ensiaFacilityLabel = {
  DIGID: 'DigiD',
  SUWINET: 'Suwinet',
  BRP: 'BRP',
  BAG: 'BAG',
  BGT: 'BGT',
  BRO: 'BRO',
} as const satisfies Record<EnsiaFacility, string>;

export const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

/** Dutch names of the fields the audit trail records. */
export const fieldLabel: Record<string, string> = {
  product: 'pakket',
  productId: 'pakket',
  versionId: 'versie',
  operatorId: 'technisch beheer',
  status: 'status',
  key: 'sleutel',
  acquiringSince: 'verwerving sinds',
  plannedSince: 'gepland sinds',
  inProductionSince: 'in productie sinds',
  phasingOutSince: 'uit te faseren sinds',
  retiredSince: 'uitgefaseerd sinds',
  contact: 'contactpersoon',
  availability: 'beschikbaarheid',
  integrity: 'integriteit',
  confidentiality: 'vertrouwelijkheid',
  personalData: 'persoonsgegevens',
  dpiaStatus: 'DPIA',
  dpiaDate: 'datum DPIA',
  processorAgreement: 'verwerkersovereenkomst',
  criticality: 'bedrijfskritiek',
  time: 'TIME',
  contractEndsOn: 'einde contract',
  yearlyCost: 'kosten per jaar',
  internalNote: 'interne notitie',
  experience: 'ervaringen',
  riskAssessmentDate: 'datum laatste risicoanalyse',
  pentestDate: 'datum laatste pentest',
  pentestState: 'uitkomst laatste pentest',
  dpiaCriteria: 'DPIA-criteria',
  algorithmForResidents: 'algoritme of AI met gevolgen voor inwoners',
  aiRiskClass: 'risicoklasse AI-verordening',
  humanOversight: 'menselijk toezicht',
  algorithmRegisterUrl: 'Algoritmeregister',
  referenceComponents: 'referentiecomponenten',
  beheerLoad: 'beheerlast',
  toUsageId: 'naar',
  externalServiceId: 'landelijke voorziening',
  intermediaryId: 'via',
  pendingConsent: 'wacht op akkoord van de andere organisatie',
  kind: 'soort voorstel',
  proposingOrganisationId: 'voorgesteld door',
  receivingOrganisationId: 'voorgesteld aan',
  usageId: 'gebruik',
  interfaceKey: 'koppeling',
  type: 'soort',
  direction: 'richting',
  copiesData: 'kopieert gegevens',
  description: 'omschrijving',
  standards: 'standaarden',
  plannedStart: 'gepland begin',
  plannedEnd: 'gepland einde',
  actualStart: 'werkelijk begin',
  actualEnd: 'werkelijk einde',
  parallelRunStart: 'begin parallel draaien',
  parallelRunEnd: 'einde parallel draaien',
  wave: 'golf',
  efforts: 'inspanning',
  replaces: 'vervangt',
  dependsOn: 'hangt af van',
  targetProductId: 'doelpakket',
  targetUsageId: 'doelgebruik',
  programmeId: 'programma',
  deadline: 'deadline',
  owners: 'eigenaren',
  name: 'naam',
  fromUsageId: 'van',
  organisationId: 'organisatie',
  supplierId: 'leverancier',
  slug: 'korte naam',
  website: 'website',
  licence: 'licentie',
  openSource: 'open source',
  repository: 'broncode',
  aliases: 'andere namen',
  architecture: 'architectuur',
  layers: 'Common Ground-lagen',
  deliveryModel: 'leveringsmodel',
  hostingJurisdiction: 'hostinglocatie',
  operatedLoad: 'last technisch beheer',
  externalFields: 'velden uit de Softwarecatalogus',
  emailDomains: 'e-maildomeinen',
  applies: 'van toepassing',
  state: 'stand van uitvoering',
  owner: 'eigenaar',
  evidence: 'bewijs',
  reviewedOn: 'laatst beoordeeld',
  mode: 'deelinstelling',
  purpose: 'doel',
  legalGround: 'grondslag',
  specialCategories: 'bijzondere persoonsgegevens',
  specialException: 'uitzondering artikel 9',
  criminalData: 'strafrechtelijke gegevens',
  dataSubjects: 'betrokkenen',
  retention: 'bewaartermijn',
  recipients: 'ontvangers',
  templateId: 'sjabloon',
  measures: 'maatregelen',
  partners: 'partners',
  requireSecondFactor: 'tweede factor verplicht',
  gemmaId: 'GEMMA-id',
  group: 'groep',
  url: 'adres',
  disabled: 'geblokkeerd',
  isInstanceAdmin: 'beheerder van Grondplan',
  scope: 'rechten',
  expiresAt: 'geldig tot',
  decidedAt: 'besloten op',
  reason: 'reden',
  file: 'bestand',
  issuer: 'issuer-URL',
  clientId: 'client-id',
  clientSecret: 'clientgeheim',
  roleClaim: 'claim met groepen of rollen',
  viewerValues: 'waarden voor lezer',
  editorValues: 'waarden voor redacteur',
  adminValues: 'waarden voor beheerder',
  defaultRole: 'standaardrol',
  enabled: 'ingeschakeld',
  linksRemoved: 'koppelingen met accounts verwijderd',
  evidenceKind: 'soort bewijsstuk',
  title: 'titel',
  evidenceIssuer: 'uitgegeven door',
  evidenceScope: 'reikwijdte',
  validFrom: 'geldig vanaf',
  validUntil: 'geldig tot en met',
  link: 'link',
  fileName: 'bestand',
  sha256: 'SHA-256',
  visibility: 'zichtbaarheid',
  passwordSignIn: 'inloggen met wachtwoord',
};

export const expectedStatusLabel = {
  MISSING: 'Ontbreekt',
  DATA_COPY: 'Alleen via kopie van gegevens',
  AT_SOURCE: 'Bevraagt de bron',
  WITHIN_APPLICATION: 'Binnen één applicatie',
} as const satisfies Record<ExpectedStatus, string>;

export const roleLabel = {
  FUNCTIONAL_MANAGEMENT: 'Functioneel beheer',
  APPLICATION_MANAGEMENT: 'Applicatiebeheer',
  TECHNICAL_MANAGEMENT: 'Technisch beheer',
  INFORMATION_MANAGEMENT: 'Informatiemanagement',
  ARCHITECTURE: 'Architectuur',
  INFORMATION_SECURITY: 'Informatiebeveiliging',
  PRIVACY: 'Privacy',
} as const satisfies Record<E.BeheerRole, string>;

export const migrationStatusLabel = {
  NOT_STARTED: 'Niet gestart',
  PREPARING: 'Voorbereiding',
  MIGRATING: 'Migratie',
  PARALLEL_RUN: 'Parallel draaien',
  DONE: 'Klaar',
  CANCELLED: 'Geannuleerd',
} as const satisfies Record<E.MigrationStatus, string>;

export const demandKindLabel = {
  BASELINE: 'Basisbeheer',
  MIGRATION: 'Migratie-inspanning',
  PARALLEL_RUN: 'Parallel draaien',
} as const satisfies Record<DemandKind, string>;

export const memberRoleLabel = { VIEWER: 'Lezer', EDITOR: 'Redacteur', ADMIN: 'Beheerder' } as const satisfies Record<
  E.Role,
  string
>;

/** An officer function of a member (UserMembership.officer). */
export const officerRoleLabel = {
  SECURITY_OFFICER: 'Informatiebeveiliger (CISO)',
  PRIVACY_OFFICER: 'Privacy officer (FG)',
} as const satisfies Record<E.OfficerRole, string>;

/** How a session was opened (Session.method; every SessionMethod of core/auth.ts has its label). */
export const sessionMethodLabel = {
  PASSWORD: 'Wachtwoord',
  PASSWORD_TOTP: 'Wachtwoord en code uit app',
  PASSWORD_RECOVERY_CODE: 'Wachtwoord en herstelcode',
  PASSWORD_PASSKEY: 'Wachtwoord en passkey',
  OIDC: 'Inloggen via je organisatie (SSO)',
  INVITATION: 'Uitnodiging aangenomen',
  PASSWORD_RESET: 'Nieuw wachtwoord via e-mail',
} as const satisfies Record<SessionMethod, string>;

export const proposalStatusLabel = {
  PENDING: 'Wacht op akkoord',
  ACCEPTED: 'Aanvaard',
  DECLINED: 'Afgewezen',
  WITHDRAWN: 'Ingetrokken',
  ENDED: 'Beëindigd',
} as const satisfies Record<E.ProposalStatus, string>;

export const scenarioStatusLabel = {
  OPEN: 'Open',
  APPLIED: 'Toegepast',
  DISCARDED: 'Verworpen',
} as const satisfies Record<E.ScenarioStatus, string>;

/** FTE with a decimal comma, at most two decimals. */
export const fte = (v: number) => v.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

/** "2027-Q1" as "K1 2027": the one quarter format for people, kept with the capacity arithmetic. */
export { quarterLabel } from './quarters.ts';
