// One zod schema per concept of the curated content in content/; the seed refuses anything they reject.
import { z } from 'zod';
import { DPIA_CRITERIA } from '#core/usage-security.ts';
import {
  AiRiskClass,
  Architecture,
  BeheerRole,
  Criticality,
  DeliveryModel,
  DpiaStatus,
  InterfaceDirection,
  InterfaceStatus,
  InterfaceType,
  Jurisdiction,
  Layer,
  LegalGround,
  MigrationStatus,
  OrganisationType,
  PentestState,
  ProcessingRole,
  SpecialCategoryException,
  TimeClass,
  UsageStatus,
} from '../generated/sqlite/client/enums.ts';
import { webAddress } from '../web-address.ts';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'alleen kleine letters, cijfers en koppeltekens');
const isoDate = z.iso.date();
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'GEMMA object id');
const level = z.number().int().min(1).max(3);

export const organisationSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  type: z.enum(OrganisationType),
  cbsCode: z
    .string()
    .regex(/^GM\d{4}$/)
    .optional(),
  website: webAddress.optional(),
  /** Mail domains of the organisation's own addresses: its admins invite addresses in these only. */
  emailDomains: z
    .array(z.string().regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'een maildomein zoals emmen.nl'))
    .optional(),
  description: z.string().optional(),
  members: z.array(slug).optional(),
});

export const supplierSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  website: webAddress.optional(),
  /** Other names files use for the supplier ("INFO" for INFO.nl), so that imports recognise it. */
  aliases: z.array(z.string().min(1)).optional(),
});

export const productSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  supplier: slug,
  description: z.string().optional(),
  architecture: z.enum(Architecture),
  layers: z.array(z.enum(Layer)).min(1),
  referenceComponents: z.array(z.string()).min(1),
  standards: z.array(z.string()).optional(),
  licence: z.string().optional(),
  repository: webAddress.optional(),
  deliveryModel: z.enum(DeliveryModel).optional(),
  hostingJurisdiction: z.enum(Jurisdiction).optional(),
  versions: z.array(z.string()).optional(),
});

// The roles come from the model's enum, so content and database cannot disagree about them.
const beheerRole = z.enum(BeheerRole);

const usageSchema = z.strictObject({
  key: slug,
  product: slug,
  version: z.string().optional(),
  status: z.enum(UsageStatus),
  statusDates: z
    .strictObject({
      acquiring: isoDate.optional(),
      planned: isoDate.optional(),
      inProduction: isoDate.optional(),
      phasingOut: isoDate.optional(),
      retired: isoDate.optional(),
    })
    .default({}),
  referenceComponents: z.array(z.string()).optional(),
  operator: slug.optional(),
  members: z.array(slug).optional(),
  contact: z.string().optional(),
  biv: z.strictObject({ availability: level, integrity: level, confidentiality: level }).optional(),
  personalData: z.boolean().default(false),
  dpia: z.strictObject({ status: z.enum(DpiaStatus), date: isoDate.optional() }).optional(),
  processorAgreement: z.boolean().optional(),
  criticality: z.enum(Criticality).optional(),
  time: z.enum(TimeClass).optional(),
  beheerLoad: z.partialRecord(beheerRole, z.number().min(0).max(50)).optional(),
  contractEndsOn: isoDate.optional(),
  yearlyCost: z.number().int().min(0).optional(),
  internalNote: z.string().optional(),
  /** Experiences with the product, shared with every signed-in member. */
  experience: z.string().max(2000).optional(),
  /** Private: information security and the EDPB criteria that apply (core/usage-security.ts). */
  riskAssessmentDate: isoDate.optional(),
  pentestDate: isoDate.optional(),
  pentestState: z.enum(PentestState).optional(),
  dpiaCriteria: z.array(z.enum(DPIA_CRITERIA)).optional(),
  /** The algorithm or AI system affecting residents, read by every member. */
  algorithmForResidents: z.boolean().optional(),
  aiRiskClass: z.enum(AiRiskClass).optional(),
  humanOversight: z.string().max(2000).optional(),
  algorithmRegisterUrl: webAddress.optional(),
});

const interfaceSchema = z
  .strictObject({
    key: z.string().min(1),
    from: slug,
    usage: slug.optional(),
    external: z.string().optional(),
    via: slug.optional(),
    type: z.enum(InterfaceType),
    direction: z.enum(InterfaceDirection),
    status: z.enum(InterfaceStatus),
    copiesData: z.boolean().default(false),
    standards: z.array(z.string()).optional(),
    description: z.string().optional(),
  })
  .refine((i) => (i.usage === undefined) !== (i.external === undefined), {
    message: 'een koppeling gaat naar precies één gebruik (usage) of één voorziening (external)',
  })
  .refine((i) => i.usage !== i.from, { message: 'een koppeling mag niet naar zichzelf wijzen' });

export const landscapeSchema = z.strictObject({
  organisation: slug,
  /** Marks illustrative sample data, shown as such in the UI. */
  sample: z.boolean().default(false),
  usages: z.array(usageSchema),
  interfaces: z.array(interfaceSchema).default([]),
});

const gemmaLevel = z.preprocess((v) => (v === '' ? undefined : Number(v)), level.optional());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const optionalWebAddress = z.preprocess((v) => (v === '' ? undefined : v), webAddress.optional());

export const gemmaComponentSchema = z.object({
  id: uuid,
  naam: z.string().min(1),
  gemma_status: z.string().min(1),
  // A group is a whole GEMMA folder name; "Aangepast)" was once the tail of one, cut at its parenthesis.
  groep: z
    .string()
    .min(1)
    .refine(
      (g) => /^\p{Lu}/u.test(g) && (g.match(/\(/g) ?? []).length === (g.match(/\)/g) ?? []).length,
      'geen hele GEMMA-groepsnaam (begint met een hoofdletter, haakjes in paren)',
    ),
  beschrijving: optionalText,
  toelichting: optionalText,
  beschikbaarheid: gemmaLevel,
  integriteit: gemmaLevel,
  vertrouwelijkheid: gemmaLevel,
  gemma_url: optionalWebAddress,
});
export const gemmaStandardSchema = z.object({
  id: uuid,
  naam: z.string().min(1),
  gemma_status: z.string().min(1),
  beheerder: optionalText,
  url: optionalWebAddress,
  beschrijving: optionalText,
});
// GEMMA leaves the role of one link empty: kept as a link of unknown role rather than guessed.
export const gemmaComponentStandardSchema = z.object({
  referentiecomponent_id: uuid,
  standaard_id: uuid,
  rol: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['Verplicht', 'Aanbevolen']).optional()),
});
// Some GEMMA flows have no name; they are still expected koppelingen.
export const gemmaFlowSchema = z.object({ bron_id: uuid, doel_id: uuid, naam: z.string() });
export const gemmaExternalServiceSchema = z.object({ id: uuid, naam: z.string().min(1), beschrijving: optionalText });

// A published GEMMA view and its nodes (content/gemma/views/): geometry in whole pixels, parents before children.
const pixels = z.coerce.number().int();
export const gemmaViewSchema = z.object({
  view_id: z.string().min(1),
  code: z.string().regex(/^[A-Z]{2,4}\d{2}$/, 'een GEMMA-code als RC00 of SD03'),
  naam: z.string().min(1),
  beschrijving: optionalText,
  breedte: pixels.positive(),
  hoogte: pixels.positive(),
});
export const gemmaViewNodeSchema = z.object({
  view_id: z.string().min(1),
  node_id: z.string().min(1),
  ouder_node_id: optionalText,
  soort: z.enum(['element', 'groep', 'notitie']),
  object_id: z.preprocess((v) => (v === '' ? undefined : v), uuid.optional()),
  archimate_type: optionalText,
  gemma_type: optionalText,
  label: z.string(),
  x: pixels,
  y: pixels,
  breedte: pixels.nonnegative(),
  hoogte: pixels.nonnegative(),
  vulkleur: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^#[0-9a-f]{6}$/i)
      .optional(),
  ),
});

export type OrganisationContent = z.infer<typeof organisationSchema>;
export type SupplierContent = z.infer<typeof supplierSchema>;
export type ProductContent = z.infer<typeof productSchema>;
export type LandscapeContent = z.infer<typeof landscapeSchema>;
export type ProgrammeContent = z.infer<typeof programmeSchema>;
export type PlanContent = z.infer<typeof planSchema>;
export type UsageContent = z.infer<typeof usageSchema>;

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'kwartaal als 2027-Q1');
const fte = z.number().min(0).max(500);

export const programmeSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  description: z.string().optional(),
  deadline: isoDate,
  owners: z.array(slug).min(1),
});

const migrationSchema = z
  .strictObject({
    key: slug,
    programme: slug.optional(),
    target: slug,
    /** Key of the usage of the target product in the same landscape; its beheer starts at go-live. */
    targetUsage: slug.optional(),
    replaces: z.array(slug).default([]),
    dependsOn: z.array(slug).default([]),
    wave: z.number().int().min(1).max(99).default(1),
    status: z.enum(MigrationStatus),
    planned: z.strictObject({ start: isoDate, end: isoDate }),
    actual: z.strictObject({ start: isoDate.optional(), end: isoDate.optional() }).default({}),
    parallelRun: z.strictObject({ start: isoDate, end: isoDate }).optional(),
    effort: z.partialRecord(beheerRole, z.record(quarter, fte)).default({}),
    description: z.string().optional(),
  })
  .refine((m) => m.planned.start <= m.planned.end, { message: 'het geplande einde ligt voor het geplande begin' })
  .refine((m) => !m.parallelRun || m.parallelRun.start <= m.parallelRun.end, {
    message: 'de parallelle periode eindigt voor hij begint',
  })
  .refine((m) => !m.dependsOn.includes(m.key), { message: 'een migratie kan niet van zichzelf afhangen' });

const capacitySchema = z.strictObject({
  role: beheerRole,
  fte,
  from: quarter,
  to: quarter,
  /** Quarters with a different figure, e.g. summer holidays or a vacancy. */
  except: z.record(quarter, fte).default({}),
});

export const planSchema = z.strictObject({
  organisation: slug,
  sample: z.boolean().default(false),
  migrations: z.array(migrationSchema).default([]),
  capacity: z.array(capacitySchema).default([]),
});

const registerItem = z.string().min(1).max(300);
const processingActivitySchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    /** The template (content/processing-templates) it was adopted from. */
    template: z.string().optional(),
    purpose: z.string().min(1),
    legalGround: z.enum(LegalGround),
    specialCategories: z.boolean().default(false),
    specialException: z.enum(SpecialCategoryException).optional(),
    criminalData: z.boolean().default(false),
    dataSubjects: z.array(registerItem).min(1),
    personalData: z.array(registerItem).min(1),
    retention: z.string().min(1),
    recipients: z.array(registerItem).default([]),
    role: z.enum(ProcessingRole).default('CONTROLLER'),
    /** BIO2 measure numbers. */
    measures: z.array(z.string().regex(/^\d\.\d{2}\.\d{2}$/, 'een nummer als 5.01.01')).default([]),
    /** Keys of the organisation's usages that support it. */
    usages: z.array(z.string()).default([]),
  })
  .refine((a) => a.specialCategories === Boolean(a.specialException), {
    message: 'specialException hoort bij, en alleen bij, specialCategories: true',
  });

/** An organisation's register of processing activities (content/registers/<organisation>.yaml). */
export const registerSchema = z.strictObject({
  organisation: slug,
  sample: z.boolean().default(false),
  activities: z.array(processingActivitySchema).default([]),
});
export type RegisterContent = z.infer<typeof registerSchema>;

/** One row of content/bio2/overheidsmaatregelen.csv: the BIO2 import reads the same rows (core/bio2.ts). */
export { bio2MeasureSchema } from '#core/bio2.ts';
