import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { Context } from '#core/context.ts';
import { maySeePrivate, PRIVATE_FIELDS, type PrivateField } from '#core/privacy.ts';
import {
  datesByKey,
  STATUS_DATES_SELECT,
  type StatusDateKey,
  type UsageStatus as UsageStatusValue,
} from '#core/usage-status.ts';
import { builder } from '../builder.ts';
import { loaders } from '../loaders.ts';
import { BeheerRole, Criticality, DpiaStatus, TimeClass, UsageStatus } from './enums.ts';
import { Interface } from './interface.ts';
import { Organisation } from './organisation.ts';
import { BivRef, ReferenceComponent } from './reference-component.ts';

type StatusDates = Record<StatusDateKey, Date | null>;

const StatusDatesRef = builder.objectRef<StatusDates>('UsageStatusDates').implement({
  description: 'The date each status took effect.',
  fields: (t) => ({
    acquiring: t.expose('acquiring', { type: 'Date', nullable: true }),
    planned: t.expose('planned', { type: 'Date', nullable: true }),
    inProduction: t.expose('inProduction', { type: 'Date', nullable: true }),
    phasingOut: t.expose('phasingOut', { type: 'Date', nullable: true }),
    retired: t.expose('retired', { type: 'Date', nullable: true }),
  }),
});

builder.prismaObject('UsageBeheerLoad', {
  description: 'Baseline beheer load of a usage for one beheer role, in FTE.',
  fields: (t) => ({ role: t.expose('role', { type: BeheerRole }), fte: t.exposeFloat('fte') }),
});

/** A private field as core/privacy.ts declares it: who may not see it reads null. */
export const privateUsageField = (field: PrivateField<'Usage'>) => ({
  nullable: true as const,
  authScopes: (usage: { organisationId: string }, _args: unknown, ctx: Context) =>
    maySeePrivate(ctx.viewer, 'Usage', usage.organisationId),
  unauthorizedResolver: () => null,
  description: `${field === 'yearlyCost' ? 'Yearly cost in euros. ' : ''}Private to the own organisation (${PRIVATE_FIELDS.Usage.why})`,
});

export const Usage = builder.prismaNode('Usage', {
  id: { field: 'id' },
  // Select mode: a landscape of hundreds of usages reads only the columns its fields ask for.
  select: { id: true, organisationId: true },
  description: "One organisation's use of a product: one entry of its landscape (gebruik).",
  authScopes: { reader: true },
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key within the organisation.' }),
    status: t.expose('status', { type: UsageStatus }),
    statusDates: t.field({
      type: StatusDatesRef,
      select: STATUS_DATES_SELECT,
      resolve: (u) => datesByKey(u, (date) => date),
    }),
    organisation: t.relation('organisation'),
    product: t.relation('product'),
    version: t.relation('version', { nullable: true }),
    operator: t.relation('operator', { nullable: true, description: 'Organisation that delivers technisch beheer.' }),
    registeredFor: t.field({
      type: [Organisation],
      description: 'Member organisations a cooperation registered this usage for.',
      select: (_args, _ctx, nested) => ({ members: { select: { organisation: nested(true) } } }),
      resolve: (u) => u.members.map((m) => m.organisation),
    }),
    referenceComponents: t.field({
      type: [ReferenceComponent],
      select: (_args, _ctx, nested) => ({ referenceComponents: { select: { referenceComponent: nested(true) } } }),
      resolve: (u) => u.referenceComponents.map((link) => link.referenceComponent),
    }),
    interfaces: t.field({
      type: [Interface],
      description:
        "Koppelingen from and to this usage. Another organisation's koppeling to it shows only once this usage's organisation accepted it.",
      select: (_args, _ctx, nested) => ({ interfacesOut: nested(true), interfacesIn: nested(true) }),
      resolve: (u) => [
        ...u.interfacesOut,
        ...u.interfacesIn.filter((i) => !i.pendingConsent || i.organisationId === u.organisationId),
      ],
    }),
    contact: t.exposeString('contact', { nullable: true }),
    experience: t.exposeString('experience', {
      nullable: true,
      description: 'Experiences with the product (ervaringen), shared with every signed-in member: not private.',
    }),
    biv: t.field({
      type: BivRef,
      select: { availability: true, integrity: true, confidentiality: true },
      resolve: (u) => ({ availability: u.availability, integrity: u.integrity, confidentiality: u.confidentiality }),
    }),
    personalData: t.exposeBoolean('personalData'),
    dpiaStatus: t.expose('dpiaStatus', { type: DpiaStatus, nullable: true }),
    dpiaDate: t.expose('dpiaDate', { type: 'Date', nullable: true }),
    processorAgreement: t.exposeBoolean('processorAgreement', { nullable: true }),
    criticality: t.expose('criticality', { type: Criticality, nullable: true }),
    time: t.expose('time', { type: TimeClass, nullable: true }),
    beheerLoad: t.relation('beheerLoads', { query: { orderBy: { role: 'asc' } } }),
    contractEndsOn: t.expose('contractEndsOn', { type: 'Date', ...privateUsageField('contractEndsOn') }),
    yearlyCost: t.exposeInt('yearlyCost', privateUsageField('yearlyCost')),
    internalNote: t.exposeString('internalNote', privateUsageField('internalNote')),
    externalFields: t.exposeString('externalFields', {
      nullable: true,
      description:
        "Public, like the rest of the usage: fields of an imported file that Grondplan has no place for yet (e.g. the Softwarecatalogus's hostingLocatie, diensten, compliancy), as a JSON object of column to value; the export writes them back.",
    }),
    revision: t.exposeInt('revision', {
      description: 'Increases on every change; updates must name the revision they read.',
    }),
  }),
});

// A component's usages are reached through the join table; the helper pages the links and hands out their usages.
const componentUsages = prismaConnectionHelpers(builder, 'UsageReferenceComponent', {
  cursor: 'usageId_referenceComponentId',
  maxSize: 500,
  defaultSize: 50,
  query: { orderBy: { usageId: 'asc' } },
  // With the node's own columns always selected: a page asked only for its count or cursors would otherwise select no usage column,
  // which Prisma refuses (the query failed with an internal error).
  select: (nodeSelection) => ({ usage: nodeSelection({ select: { id: true, organisationId: true } }) }),
  resolveNode: (link) => link.usage,
});

builder.prismaObjectFields(ReferenceComponent, (t) => ({
  usages: t.connection(
    {
      type: Usage,
      description:
        'The usages, across all organisations, that realise this component: a page at a time (thousands at national scale).',
      authScopes: { reader: true },
      select: (args, ctx, nestedSelection) => ({ usages: componentUsages.getQuery(args, ctx, nestedSelection) }),
      resolve: (component, args, ctx) => ({
        ...componentUsages.resolve(component.usages, args, ctx),
        totalCount: () => loaders(ctx).componentUsageCount.load(component.id),
      }),
    },
    {
      name: 'ReferenceComponentUsagesConnection',
      fields: (c) => ({
        totalCount: c.int({
          description: 'All usages of the component.',
          resolve: (connection) => connection.totalCount(),
        }),
      }),
    },
  ),
}));

builder.queryFields((t) => ({
  usage: t.prismaField({
    type: 'Usage',
    nullable: true,
    authScopes: { reader: true },
    description: 'One usage by organisation slug and its key in that landscape.',
    args: {
      organisation: t.arg.string({ required: true, validate: z.string().min(1).max(100) }),
      key: t.arg.string({ required: true, validate: z.string().min(1).max(100) }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.usage.findFirst({ ...query, where: { key: args.key, organisation: { slug: args.organisation } } }),
  }),
  usages: t.prismaConnection({
    type: 'Usage',
    authScopes: { reader: true },
    cursor: 'id',
    maxSize: 500,
    defaultSize: 50,
    args: {
      organisation: t.arg.string({
        required: false,
        description: 'Organisation slug.',
        validate: z.string().min(1).max(100),
      }),
      status: t.arg({ type: [UsageStatus], required: false }),
      referenceComponent: t.arg.id({ required: false, description: 'Global id of a reference component.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.db.prisma.usage.count({ where: usageFilter(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.usage.findMany({ ...query, where: usageFilter(args), orderBy: { id: 'asc' } }),
  }),
}));

function usageFilter(args: {
  organisation?: string | null | undefined;
  status?: readonly UsageStatusValue[] | null | undefined;
  referenceComponent?: string | number | null | undefined;
}) {
  const componentId = args.referenceComponent ? decodeGlobalID(String(args.referenceComponent)).id : undefined;
  return {
    ...(args.organisation ? { organisation: { slug: args.organisation } } : {}),
    ...(args.status?.length ? { status: { in: [...args.status] } } : {}),
    ...(componentId ? { referenceComponents: { some: { referenceComponentId: componentId } } } : {}),
  };
}
