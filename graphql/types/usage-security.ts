// A usage's information security, privacy and algorithms (core/usage-security.ts): the private risk assessment,
// pentest and EDPB criteria with what follows from them, the algorithm or AI system, and the ENSIA parts its
// koppelingen bring it in; per organisation, its algorithms and its ENSIA scope.
import DataLoader from 'dataloader';
import type { Context } from '#core/context.ts';
import { significantChanges } from '#core/security-load.ts';
import {
  dpiaMissing,
  dpiaRequired,
  ENSIA_FACILITIES,
  ENSIA_SERVICES,
  ensiaScope,
  type EnsiaFacility as Facility,
  parseCriteria,
  type RecordedChange,
  type RiskAssessmentDue,
  riskAssessmentDue,
} from '#core/usage-security.ts';
import type { UsageStatus as Status } from '#prisma/generated/sqlite/client/enums.ts';
import { builder } from '../builder.ts';
import { versionedCache } from '../cache.ts';
import { AiRiskClass, DpiaCriterion, EnsiaFacility, PentestState, UsageStatus } from './enums.ts';
import { Organisation } from './organisation.ts';
import { privateUsageField, Usage } from './usage.ts';

const RiskAssessmentDueRef = builder.objectRef<RiskAssessmentDue>('RiskAssessmentDue').implement({
  description: 'Why a usage needs a (new) risk assessment (BIO2 5.08.01).',
  fields: (t) => ({
    reason: t.exposeString('reason', {
      description: 'NEW: acquired or planned without one; CHANGED: a significant change after the last one.',
    }),
    changedOn: t.expose('changedOn', { type: 'Date', nullable: true, description: 'The latest significant change.' }),
    fields: t.exposeStringList('fields', { description: 'The significant fields changed since the last one.' }),
  }),
});

/** Per usage of an organisation, the significant changes the trail recorded for it (its updates) and its product. */
type ChangesByUsage = ReadonlyMap<string, RecordedChange[]>;

/**
 * One organisation's usages with their significant recorded changes, once per data version for all its readers: keyed
 * by the organisation, so one organisation's entry never answers for another's usages. Two statements per
 * organisation, whatever the number of its usages.
 */
const recorded = versionedCache<ChangesByUsage>(4_000_000, (m) => {
  let size = 1;
  for (const changes of m.values()) size += 32 + 96 * changes.length;
  return size;
});

async function organisationChanges(ctx: Context, organisationId: string): Promise<ChangesByUsage> {
  const usages = await ctx.db.prisma.usage.findMany({
    where: { organisationId },
    select: { id: true, productId: true },
  });
  const changes = await significantChanges(
    ctx.db.prisma,
    usages.map((u) => ({ usageId: u.id, productId: u.productId })),
  );
  return new Map(usages.map((u, i) => [u.id, changes[i] ?? []]));
}

/** Per request, each organisation's recorded changes read (or found in the cache) once, for a whole list of usages. */
const changeLoaders = new WeakMap<Context, DataLoader<string, ChangesByUsage>>();
function changesOf(ctx: Context) {
  let loader = changeLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((organisationIds) =>
      Promise.all(
        organisationIds.map((id) => recorded.get(ctx, `risk-assessment|${id}`, () => organisationChanges(ctx, id))),
      ),
    );
    changeLoaders.set(ctx, loader);
  }
  return loader;
}

builder.prismaObjectFields(Usage, (t) => ({
  riskAssessmentDate: t.expose('riskAssessmentDate', { type: 'Date', ...privateUsageField('riskAssessmentDate') }),
  pentestDate: t.expose('pentestDate', { type: 'Date', ...privateUsageField('pentestDate') }),
  pentestState: t.expose('pentestState', { type: PentestState, ...privateUsageField('pentestState') }),
  dpiaCriteria: t.field({
    type: [DpiaCriterion],
    select: { dpiaCriteria: true },
    ...privateUsageField('dpiaCriteria'),
    resolve: (u) => parseCriteria(u.dpiaCriteria),
  }),
  dpiaRequired: t.boolean({
    select: { dpiaCriteria: true },
    ...privateUsageField('dpiaCriteria'),
    description: 'Whether two or more EDPB criteria apply, so a DPIA is required. Private, like the criteria.',
    resolve: (u) => dpiaRequired(parseCriteria(u.dpiaCriteria)),
  }),
  dpiaMissing: t.boolean({
    select: { dpiaCriteria: true, personalData: true, dpiaStatus: true },
    ...privateUsageField('dpiaCriteria'),
    description:
      'Whether a DPIA is missing: required by the criteria and not done, or personal data without a DPIA done or decided not needed. Private, like the criteria.',
    resolve: (u) =>
      dpiaMissing({ criteria: parseCriteria(u.dpiaCriteria), personalData: u.personalData, dpiaStatus: u.dpiaStatus }),
  }),
  riskAssessmentDue: t.field({
    type: RiskAssessmentDueRef,
    select: { status: true, riskAssessmentDate: true, organisationId: true },
    ...privateUsageField('riskAssessmentDate'),
    description:
      'Whether a (new) risk assessment is due (BIO2 5.08.01): acquired or planned without one, or changed in product, version, personal data, operator or its product’s hosting after the last one. Null when none is due, and for other organisations.',
    resolve: async (u, _args, ctx) =>
      riskAssessmentDue(u, (await changesOf(ctx).load(u.organisationId)).get(u.id) ?? []),
  }),
  algorithmForResidents: t.exposeBoolean('algorithmForResidents', {
    nullable: true,
    description: 'Whether the usage holds an algorithm or AI system that affects residents.',
  }),
  aiRiskClass: t.expose('aiRiskClass', { type: AiRiskClass, nullable: true }),
  humanOversight: t.exposeString('humanOversight', { nullable: true }),
  algorithmRegisterUrl: t.exposeString('algorithmRegisterUrl', {
    nullable: true,
    description: 'Its entry in the national Algoritmeregister (public by law).',
  }),
  ensiaScope: t.field({
    type: [EnsiaFacility],
    description: "The parts of ENSIA's self-evaluation its koppelingen to national facilities bring it in.",
    select: { status: true, interfacesOut: { select: { status: true, externalServiceId: true } } },
    resolve: (u) => ensiaScope(u, u.interfacesOut),
  }),
}));

interface EnsiaUsage {
  key: string;
  product: string;
  status: Status;
}
const EnsiaUsageRef = builder.objectRef<EnsiaUsage>('EnsiaUsage').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    product: t.exposeString('product', { description: 'The product’s name.' }),
    status: t.expose('status', { type: UsageStatus }),
  }),
});
const EnsiaPartRef = builder.objectRef<{ facility: Facility; usages: EnsiaUsage[] }>('EnsiaPart').implement({
  description: 'One part of ENSIA with the usages in its scope.',
  fields: (t) => ({
    facility: t.expose('facility', { type: EnsiaFacility }),
    usages: t.field({ type: [EnsiaUsageRef], resolve: (p) => p.usages }),
  }),
});

const ensiaIds = ENSIA_FACILITIES.flatMap((f) => ENSIA_SERVICES[f]);

builder.prismaObjectFields(Organisation, (t) => ({
  algorithmUsages: t.relation('usages', {
    authScopes: { reader: true },
    description: 'Its usages that hold an algorithm or AI system affecting residents, retired ones left out.',
    query: { where: { algorithmForResidents: true, status: { not: 'RETIRED' } }, orderBy: { key: 'asc' } },
  }),
  ensiaScope: t.field({
    type: [EnsiaPartRef],
    authScopes: { reader: true },
    description: "Per part of ENSIA's self-evaluation (DigiD, Suwinet, BRP, BAG, BGT, BRO) the usages in its scope.",
    select: {
      usages: {
        where: { status: { not: 'RETIRED' }, interfacesOut: { some: { externalServiceId: { in: ensiaIds } } } },
        orderBy: { key: 'asc' },
        select: {
          key: true,
          status: true,
          product: { select: { name: true } },
          interfacesOut: { select: { status: true, externalServiceId: true } },
        },
      },
    },
    resolve: (o) =>
      ENSIA_FACILITIES.map((facility) => ({
        facility,
        usages: o.usages
          .filter((u) => ensiaScope(u, u.interfacesOut).includes(facility))
          .map((u) => ({ key: u.key, product: u.product.name, status: u.status })),
      })),
  }),
}));
