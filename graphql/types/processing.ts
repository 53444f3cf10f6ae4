// An organisation's register of processing activities (AVG article 30): private to its members (core/privacy.ts),
// with the transfers outside the EU derived from the supporting usages' products (core/processing.ts), and the curated
// templates (core/processing-templates.ts), those that fit the landscape first.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '#core/context.ts';
import { slug } from '#core/input.ts';
import { listOf, type Transfers, transfersOutsideEu, transfersText } from '#core/processing.ts';
import { PROCESSING_TEMPLATES, type TemplateFit, templatesForLandscape } from '#core/processing-templates.ts';
import { builder } from '../builder.ts';
import { Jurisdiction, LegalGround, ProcessingRole, SpecialCategoryException } from './enums.ts';
import { Organisation } from './organisation.ts';
import { Usage } from './usage.ts';
import { Bio2Measure } from './vvt.ts';

/** Whether the viewer may read the register of `organisationId`: its own members only. */
export const mayReadRegister = (ctx: Context, organisationId: string) =>
  ctx.viewer?.organisationIds.includes(organisationId) ?? false;

/** The database id of a global id of `type`; null for anything else. */
function decodeTyped(globalId: string, type: string): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typename === type ? id : null;
  } catch {
    return null;
  }
}

const TransferRef = builder.objectRef<Transfers['outside'][number]>('ProcessingTransfer').implement({
  description: 'A supporting usage whose product is hosted outside the EU.',
  fields: (t) => ({
    usageKey: t.exposeString('usageKey'),
    product: t.exposeString('product'),
    jurisdiction: t.field({ type: Jurisdiction, resolve: (o) => o.jurisdiction }),
  }),
});

const UnknownHostingRef = builder.objectRef<Transfers['unknown'][number]>('ProcessingUnknownHosting').implement({
  description: 'A supporting usage whose product has no recorded hosting: a transfer cannot be ruled out.',
  fields: (t) => ({ usageKey: t.exposeString('usageKey'), product: t.exposeString('product') }),
});

const TransfersRef = builder.objectRef<Transfers>('ProcessingTransfers').implement({
  description: 'Transfers outside the EU, derived from where the supporting usages’ products are hosted.',
  fields: (t) => ({
    outside: t.field({ type: [TransferRef], resolve: (x) => x.outside }),
    unknown: t.field({ type: [UnknownHostingRef], resolve: (x) => x.unknown }),
    text: t.string({ description: 'In one Dutch line, as the exports say it.', resolve: (x) => transfersText(x) }),
  }),
});

const TRANSFER_SELECT = {
  usages: {
    select: { usage: { select: { key: true, product: { select: { name: true, hostingJurisdiction: true } } } } },
  },
} as const;

export const ProcessingActivity = builder.prismaNode('ProcessingActivity', {
  id: { field: 'id' },
  description: 'One activity of an organisation’s register of processing activities; for its own members only.',
  authScopes: (a, ctx) => mayReadRegister(ctx, a.organisationId),
  fields: (t) => ({
    organisation: t.relation('organisation'),
    name: t.exposeString('name'),
    purpose: t.exposeString('purpose'),
    legalGround: t.expose('legalGround', { type: LegalGround }),
    specialCategories: t.exposeBoolean('specialCategories', { description: 'Special categories (article 9).' }),
    specialException: t.expose('specialException', { type: SpecialCategoryException, nullable: true }),
    criminalData: t.exposeBoolean('criminalData', { description: 'Criminal convictions and offences (article 10).' }),
    dataSubjects: t.stringList({ resolve: (a) => listOf(a.dataSubjects) }),
    personalData: t.stringList({ resolve: (a) => listOf(a.personalData) }),
    retention: t.exposeString('retention'),
    recipients: t.stringList({ resolve: (a) => listOf(a.recipients) }),
    role: t.expose('role', { type: ProcessingRole }),
    template: t.exposeString('templateId', { nullable: true, description: 'The template it was adopted from.' }),
    revision: t.exposeInt('revision'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    measures: t.field({
      type: [Bio2Measure],
      description: 'The BIO2 measures that secure it, by number.',
      select: (_args, _ctx, nested) => ({
        measures: { select: { measure: nested(true) }, orderBy: { measureNumber: 'asc' } },
      }),
      resolve: (a) => a.measures.map((m) => m.measure),
    }),
    usages: t.field({
      type: [Usage],
      description: 'The usages of the organisation that support it.',
      select: (_args, _ctx, nested) => ({ usages: { select: { usage: nested(true) } } }),
      resolve: (a) => a.usages.map((u) => u.usage),
    }),
    transfersOutsideEu: t.field({
      type: TransfersRef,
      select: TRANSFER_SELECT,
      resolve: (a) => transfersOutsideEu(a.usages.map((u) => u.usage)),
    }),
  }),
});

type Fit = TemplateFit<{ id: string; key: string; product: string; componentIds: string[] }>;

const TemplateUsage = builder.objectRef<Fit['usages'][number]>('ProcessingTemplateUsage').implement({
  fields: (t) => ({
    id: t.id({ description: 'Global id of the usage.', resolve: (u) => encodeGlobalID('Usage', u.id) }),
    key: t.exposeString('key'),
    product: t.exposeString('product'),
  }),
});

const TemplateRef = builder.objectRef<Fit>('ProcessingTemplate').implement({
  description: 'A curated template for an activity on a GEMMA reference component (voorbeeld, pas aan).',
  fields: (t) => ({
    id: t.string({ resolve: (f) => f.template.id }),
    name: t.string({ resolve: (f) => f.template.name }),
    componentId: t.string({ resolve: (f) => f.template.component.id }),
    componentName: t.string({ resolve: (f) => f.template.component.name }),
    purpose: t.string({ resolve: (f) => f.template.purpose }),
    legalGround: t.field({ type: LegalGround, resolve: (f) => f.template.legalGround }),
    specialCategories: t.boolean({ resolve: (f) => f.template.specialCategories }),
    criminalData: t.boolean({ resolve: (f) => f.template.criminalData }),
    usages: t.field({
      type: [TemplateUsage],
      description: 'The organisation’s usages that realise the component; empty when the template does not fit.',
      resolve: (f) => f.usages,
    }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => ({
  processingRegisterReadable: t.boolean({
    description: 'Whether the viewer may read this organisation’s register of processing activities (its members).',
    select: { id: true },
    resolve: (org, _args, ctx) => mayReadRegister(ctx, org.id),
  }),
  processingActivities: t.prismaField({
    type: ['ProcessingActivity'],
    description: 'The register of processing activities by name; empty for anyone but the organisation’s members.',
    select: { id: true },
    resolve: (query, org, _args, ctx) =>
      ctx.db.prisma.processingActivity.findMany({
        ...query,
        // Not a member: no activity (the empty `in` asks the database for nothing).
        where: mayReadRegister(ctx, org.id) ? { organisationId: org.id } : { id: { in: [] } },
        orderBy: { name: 'asc' },
      }),
  }),
  processingActivity: t.prismaField({
    type: 'ProcessingActivity',
    nullable: true,
    description: 'One activity of the register by its global id; null when it is not this organisation’s or hidden.',
    args: { id: t.arg.id({ required: true }) },
    select: { id: true },
    resolve: async (query, org, args, ctx) => {
      const id = decodeTyped(String(args.id), 'ProcessingActivity');
      // Not a member, or no id of an activity: nothing (the empty `in` asks the database for nothing).
      const where = id && mayReadRegister(ctx, org.id) ? { id, organisationId: org.id } : { id: { in: [] } };
      return ctx.db.prisma.processingActivity.findFirst({ ...query, where });
    },
  }),
}));

builder.queryField('processingTemplates', (t) =>
  t.field({
    type: [TemplateRef],
    description:
      'The templates for an organisation’s register, those whose component its landscape realises first; for its members (a root field, so the list is not repeated wherever the organisation appears).',
    args: { organisation: t.arg.string({ required: true, validate: slug }) },
    resolve: async (_root, args, ctx) => {
      const org = await ctx.db.prisma.organisation.findUnique({
        where: { slug: args.organisation },
        select: { id: true },
      });
      if (!org || !mayReadRegister(ctx, org.id)) return [];
      const usages = await ctx.db.prisma.usage.findMany({
        where: { organisationId: org.id, status: { not: 'RETIRED' } },
        select: {
          id: true,
          key: true,
          product: { select: { name: true } },
          referenceComponents: { select: { referenceComponentId: true } },
        },
        orderBy: { key: 'asc' },
      });
      return templatesForLandscape(
        PROCESSING_TEMPLATES,
        usages.map((u) => ({
          id: u.id,
          key: u.key,
          product: u.product.name,
          componentIds: u.referenceComponents.map((c) => c.referenceComponentId),
        })),
      );
    },
  }),
);
