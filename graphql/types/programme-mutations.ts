// Mutations of Programme: create, and update at the revision the caller read (owners' administrators only).
import { z } from 'zod';
import { requireProgrammeAdmin } from '#core/access.ts';
import type { Tx } from '#core/audit.ts';
import { mutationErrors, ValidationError } from '#core/errors.ts';
import { date, requiredText, revision, slug, text } from '#core/input.ts';
import { auditChange, loadAtRevision, updateAtRevision } from '#core/revisioned-write.ts';
import { builder, selection } from '../builder.ts';
import { Programme } from './programme.ts';

const owners = z.array(slug).min(1, 'Kies minstens één eigenaar.').max(50);

const CreateProgrammeInput = builder.inputType('CreateProgrammeInput', {
  fields: (t) => ({
    slug: t.string({ required: true, validate: slug }),
    name: t.string({ required: true, validate: requiredText(200) }),
    description: t.string({ validate: text(2000) }),
    deadline: t.field({ type: 'Date', required: true, validate: date }),
    owners: t.stringList({ required: true, description: 'Slugs of the owner organisations.', validate: owners }),
  }),
});
const UpdateProgrammeInput = builder.inputType('UpdateProgrammeInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: Programme }),
    revision: t.int({ required: true, validate: revision }),
    name: t.string({ validate: requiredText(200) }),
    description: t.string({ validate: text(2000) }),
    deadline: t.field({ type: 'Date', validate: date }),
    owners: t.stringList({ validate: owners }),
  }),
});

async function ownerIds(tx: Tx, slugs: string[]) {
  const found = await tx.organisation.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const problems = slugs.flatMap((s, i) =>
    found.some((o) => o.slug === s)
      ? []
      : [{ path: ['input', 'owners', String(i)], message: `Organisatie "${s}" bestaat niet.` }],
  );
  if (problems.length) throw new ValidationError(problems);
  return found.map((o) => o.id);
}

/** The programme as the audit trail sees it: its fields and its owners' ids. */
async function snapshot(tx: Tx, id: string) {
  const row = await tx.programme.findUnique({
    where: { id },
    include: { owners: { select: { organisationId: true } } },
  });
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
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const owners = await ownerIds(tx, input.owners);
        const viewer = requireProgrammeAdmin(ctx, owners);
        if (await tx.programme.findUnique({ where: { slug: input.slug }, select: { id: true } }))
          throw new ValidationError([{ path: ['input', 'slug'], message: `Er is al een programma "${input.slug}".` }]);
        const { id } = await tx.programme.create({
          data: {
            slug: input.slug,
            name: input.name,
            description: input.description ?? null,
            deadline: input.deadline,
            owners: { create: owners.map((organisationId) => ({ organisationId })) },
          },
          select: { id: true },
        });
        const by = { actor: viewer, source: ctx.source, organisationId: owners[0] ?? null };
        await auditChange(tx, by, { type: 'Programme', id }, 'CREATE', null, await snapshot(tx, id));
        return tx.programme.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
  updateProgramme: t.prismaField({
    type: Programme,
    errors: mutationErrors('UpdateProgramme'),
    description: 'Changes a programme, its deadline or its owners.',
    args: { input: t.arg({ type: UpdateProgrammeInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'Programme', id: input.id.id } as const;
        const before = await loadAtRevision(
          tx,
          row,
          input.revision,
          (id) => snapshot(tx, id),
          (p) => requireProgrammeAdmin(ctx, p.owners),
          ctx.viewer,
        );
        const owners = input.owners ? await ownerIds(tx, input.owners) : null;
        await updateAtRevision(tx, row, input.revision, {
          ...(input.name ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.deadline ? { deadline: input.deadline } : {}),
        });
        if (owners) {
          await tx.programmeOwner.deleteMany({ where: { programmeId: row.id } });
          await tx.programmeOwner.createMany({
            data: owners.map((organisationId) => ({ programmeId: row.id, organisationId })),
          });
        }
        const by = { actor: ctx.viewer, source: ctx.source, organisationId: before.owners[0] ?? null };
        await auditChange(tx, by, row, 'UPDATE', before, await snapshot(tx, row.id));
        return tx.programme.findUniqueOrThrow({ ...selection(query), where: { id: row.id } });
      }),
  }),
}));
