// Migrations: the planned replacement of legacy usages by a target product, with dependencies and effort per quarter.
import { z } from 'zod';
import type { MigrationStatus as MigrationStatusValue } from '#prisma/generated/sqlite/client/enums.ts';
import { builder } from '../builder.ts';
import { BeheerRole, MigrationStatus } from './enums.ts';
import { Usage } from './usage.ts';

builder.prismaObject('MigrationEffort', {
  description: 'Effort a migration asks of one beheer role in one calendar quarter, in FTE.',
  fields: (t) => ({
    role: t.expose('role', { type: BeheerRole }),
    quarter: t.exposeString('quarter'),
    fte: t.exposeFloat('fte'),
  }),
});

export const Migration = builder.prismaNode('Migration', {
  id: { field: 'id' },
  description: 'Planned replacement of one organisation’s usage(s) by a target product.',
  authScopes: { reader: true },
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key within the organisation.' }),
    organisation: t.relation('organisation'),
    programme: t.relation('programme', { nullable: true }),
    targetProduct: t.relation('targetProduct'),
    targetUsage: t.relation('targetUsage', {
      nullable: true,
      description: 'The usage of the target product; its beheer starts at go-live.',
    }),
    replaces: t.field({
      type: [Usage],
      select: (_args, _ctx, nested) => ({ replaces: { select: { usage: nested(true) } } }),
      resolve: (m) => m.replaces.map((r) => r.usage),
    }),
    wave: t.exposeInt('wave'),
    status: t.expose('status', { type: MigrationStatus }),
    plannedStart: t.expose('plannedStart', { type: 'Date' }),
    plannedEnd: t.expose('plannedEnd', { type: 'Date' }),
    actualStart: t.expose('actualStart', { type: 'Date', nullable: true }),
    actualEnd: t.expose('actualEnd', { type: 'Date', nullable: true }),
    parallelRunStart: t.expose('parallelRunStart', {
      type: 'Date',
      nullable: true,
      description: 'Go-live of the new usage; old and new both need beheer.',
    }),
    parallelRunEnd: t.expose('parallelRunEnd', { type: 'Date', nullable: true }),
    start: t.field({
      type: 'Date',
      description: 'Actual start, else planned.',
      select: { actualStart: true, plannedStart: true },
      resolve: (m) => m.actualStart ?? m.plannedStart,
    }),
    end: t.field({
      type: 'Date',
      description: 'Actual end, else planned.',
      select: { actualEnd: true, plannedEnd: true },
      resolve: (m) => m.actualEnd ?? m.plannedEnd,
    }),
    description: t.exposeString('description', { nullable: true }),
    efforts: t.relation('efforts', { query: { orderBy: [{ quarter: 'asc' }, { role: 'asc' }] } }),
    revision: t.exposeInt('revision'),
  }),
});

// Added after the definition: the field refers to the Migration type itself.
builder.prismaObjectFields(Migration, (t) => ({
  dependsOn: t.field({
    type: [Migration],
    description: 'Migrations that must end before this one starts.',
    select: (_args, _ctx, nested) => ({ dependsOn: { select: { dependsOn: nested(true) } } }),
    resolve: (m) => m.dependsOn.map((d) => d.dependsOn),
  }),
}));

builder.queryField('migrations', (t) =>
  t.prismaConnection({
    type: 'Migration',
    authScopes: { reader: true },
    cursor: 'id',
    maxSize: 500,
    defaultSize: 100,
    args: {
      organisation: t.arg.string({
        required: false,
        description: 'Organisation slug.',
        validate: z.string().min(1).max(100),
      }),
      programme: t.arg.string({
        required: false,
        description: 'Programme slug.',
        validate: z.string().min(1).max(100),
      }),
      status: t.arg({ type: [MigrationStatus], required: false }),
    },
    totalCount: (_parent, args, ctx) => ctx.db.prisma.migration.count({ where: migrationFilter(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.migration.findMany({ ...query, where: migrationFilter(args), orderBy: { id: 'asc' } }),
  }),
);

function migrationFilter(args: {
  organisation?: string | null | undefined;
  programme?: string | null | undefined;
  status?: readonly MigrationStatusValue[] | null | undefined;
}) {
  return {
    ...(args.organisation ? { organisation: { slug: args.organisation } } : {}),
    ...(args.programme ? { programme: { slug: args.programme } } : {}),
    ...(args.status?.length ? { status: { in: [...args.status] } } : {}),
  };
}
