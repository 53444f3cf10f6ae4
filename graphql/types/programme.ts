// Programmes: a transition with a deadline and the migrations that serve it.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireProgrammeAdmin } from '#core/access.ts';
import { recordAudit, type Tx } from '#core/audit.ts';
import { ConflictError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { date, parseInput, requiredText, revision, slug, text } from '#core/input.ts';
import { builder, selection } from '../builder.ts';
import { Organisation } from './organisation.ts';

interface Progress {
  total: number;
  done: number;
  onTrack: number;
  late: number;
  cancelled: number;
}

const ProgressRef = builder.objectRef<Progress>('ProgrammeProgress').implement({
  description: 'Migrations against the deadline: late ones end (or ended) after it.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Migrations, cancelled ones left out.' }),
    done: t.exposeInt('done', { description: 'Done by the deadline.' }),
    onTrack: t.exposeInt('onTrack', { description: 'Not done yet, planned to end by the deadline.' }),
    late: t.exposeInt('late', { description: 'Ending (or ended) after the deadline.' }),
    cancelled: t.exposeInt('cancelled'),
  }),
});

export function progressOf(deadline: Date, migrations: { status: string; plannedEnd: Date; actualEnd: Date | null }[]): Progress {
  const live = migrations.filter((m) => m.status !== 'CANCELLED');
  const late = live.filter((m) => (m.actualEnd ?? m.plannedEnd) > deadline);
  const done = live.filter((m) => m.status === 'DONE' && !late.includes(m));
  return {
    total: live.length,
    done: done.length,
    late: late.length,
    onTrack: live.length - late.length - done.length,
    cancelled: migrations.length - live.length,
  };
}

export const Programme = builder.prismaNode('Programme', {
  id: { field: 'id' },
  description: 'A transition programme with a deadline, e.g. the Dimpact zaaksysteem renewal.',
  authScopes: { reader: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    deadline: t.expose('deadline', { type: 'Date' }),
    owners: t.field({
      type: [Organisation],
      select: (_args, _ctx, nested) => ({ owners: { select: { organisation: nested(true) }, orderBy: { organisation: { name: 'asc' } } } }),
      resolve: (p) => p.owners.map((o) => o.organisation),
    }),
    migrations: t.relation('migrations', { query: { orderBy: [{ wave: 'asc' }, { plannedStart: 'asc' }, { key: 'asc' }] } }),
    progress: t.field({
      type: ProgressRef,
      select: { deadline: true, migrations: { select: { status: true, plannedEnd: true, actualEnd: true } } },
      resolve: (p) => progressOf(p.deadline, p.migrations),
    }),
    revision: t.exposeInt('revision'),
  }),
});

builder.queryFields((t) => ({
  programmes: t.prismaField({
    type: ['Programme'],
    authScopes: { reader: true },
    resolve: (query, _root, _args, ctx) => ctx.db.prisma.programme.findMany({ ...query, orderBy: [{ deadline: 'asc' }, { name: 'asc' }] }),
  }),
  programme: t.prismaField({
    type: 'Programme',
    nullable: true,
    authScopes: { reader: true },
    description: 'One programme by global id or by slug.',
    args: {
      id: t.arg.id({ required: false }),
      slug: t.arg.string({ required: false, validate: z.string().min(1).max(100) }),
    },
    resolve: (query, _root, args, ctx) => {
      if (args.id) {
        const decoded = decodeGlobalID(String(args.id));
        return decoded.typename === 'Programme' ? ctx.db.prisma.programme.findUnique({ ...query, where: { id: decoded.id } }) : null;
      }
      return args.slug ? ctx.db.prisma.programme.findUnique({ ...query, where: { slug: args.slug } }) : null;
    },
  }),
}));

const CreateProgrammeInput = builder.inputType('CreateProgrammeInput', {
  fields: (t) => ({
    slug: t.string({ required: true }),
    name: t.string({ required: true }),
    description: t.string(),
    deadline: t.field({ type: 'Date', required: true }),
    owners: t.stringList({ required: true, description: 'Slugs of the owner organisations.' }),
  }),
});
const UpdateProgrammeInput = builder.inputType('UpdateProgrammeInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    revision: t.int({ required: true }),
    name: t.string(),
    description: t.string(),
    deadline: t.field({ type: 'Date' }),
    owners: t.stringList(),
  }),
});

async function ownerIds(tx: Tx, slugs: string[]) {
  const found = await tx.organisation.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const problems = slugs.flatMap((s, i) =>
    found.some((o) => o.slug === s) ? [] : [{ path: ['input', 'owners', String(i)], message: `Organisatie "${s}" bestaat niet.` }],
  );
  if (problems.length) throw new ValidationError(problems);
  return found.map((o) => o.id);
}

async function snapshot(tx: Tx, id: string) {
  const row = await tx.programme.findUnique({ where: { id }, include: { owners: { select: { organisationId: true } } } });
  if (!row) return null;
  const { owners, ...rest } = row;
  return { ...rest, owners: owners.map((o) => o.organisationId).sort() };
}

builder.mutationFields((t) => ({
  createProgramme: t.prismaField({
    type: Programme,
    errors: mutationErrors('CreateProgramme'),
    description: 'Creates a programme; the user must administer one of its owners (or the instance).',
    args: { input: t.arg({ type: CreateProgrammeInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(
        z.object({
          slug,
          name: requiredText(200),
          description: text(2000).nullish(),
          deadline: date,
          owners: z.array(slug).min(1, 'Kies minstens één eigenaar.').max(50),
        }),
        args.input,
      );
      return ctx.db.prisma.$transaction(async (tx) => {
        const owners = await ownerIds(tx, input.owners);
        const viewer = requireProgrammeAdmin(ctx, owners);
        if (await tx.programme.findUnique({ where: { slug: input.slug }, select: { id: true } }))
          throw new ValidationError([{ path: ['input', 'slug'], message: `Er is al een programma "${input.slug}".` }]);
        const created = await tx.programme.create({
          data: {
            slug: input.slug,
            name: input.name,
            description: input.description ?? null,
            deadline: input.deadline,
            owners: { create: owners.map((organisationId) => ({ organisationId })) },
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: owners[0] ?? null,
          entityType: 'Programme',
          entityId: encodeGlobalID('Programme', created.id),
          action: 'CREATE',
          before: null,
          after: await snapshot(tx, created.id),
          revision: 1,
        });
        return tx.programme.findUniqueOrThrow({ ...selection(query), where: { id: created.id } });
      });
    },
  }),
  updateProgramme: t.prismaField({
    type: Programme,
    errors: mutationErrors('UpdateProgramme'),
    description: 'Changes a programme, its deadline or its owners.',
    args: { input: t.arg({ type: UpdateProgrammeInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(
        z.object({
          id: z.string().min(1).max(200),
          revision,
          name: requiredText(200).nullish(),
          description: text(2000).nullish(),
          deadline: date.nullish(),
          owners: z.array(slug).min(1, 'Kies minstens één eigenaar.').max(50).nullish(),
        }),
        { ...args.input, id: String(args.input.id) },
      );
      return ctx.db.prisma.$transaction(async (tx) => {
        let id: string | null = null;
        try {
          const decoded = decodeGlobalID(input.id);
          id = decoded.typename === 'Programme' ? decoded.id : null;
        } catch {
          id = null;
        }
        const before = id ? await snapshot(tx, id) : null;
        if (!id || !before) throw new NotFoundError('Programma', input.id);
        requireProgrammeAdmin(ctx, before.owners);
        if (before.revision !== input.revision)
          throw new ConflictError(
            `Dit programma is intussen gewijzigd (revisie ${input.revision} → ${before.revision}). Er is niets overschreven; laad opnieuw.`,
            before.revision,
          );
        const owners = input.owners ? await ownerIds(tx, input.owners) : null;
        const data = {
          ...(input.name ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.deadline ? { deadline: input.deadline } : {}),
        };
        const { count } = await tx.programme.updateMany({ where: { id, revision: input.revision }, data: { ...data, revision: { increment: 1 } } });
        if (count === 0) throw new ConflictError('Dit programma is intussen gewijzigd. Er is niets overschreven; laad opnieuw.', before.revision + 1);
        if (owners) {
          await tx.programmeOwner.deleteMany({ where: { programmeId: id } });
          await tx.programmeOwner.createMany({ data: owners.map((organisationId) => ({ programmeId: id, organisationId })) });
        }
        const after = await snapshot(tx, id);
        await recordAudit(tx, {
          actor: ctx.viewer,
          source: ctx.source,
          organisationId: before.owners[0] ?? null,
          entityType: 'Programme',
          entityId: input.id,
          action: 'UPDATE',
          before,
          after,
          revision: after?.revision ?? null,
        });
        return tx.programme.findUniqueOrThrow({ ...selection(query), where: { id } });
      });
    },
  }),
}));
