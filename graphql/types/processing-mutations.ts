// Writing an organisation's register of processing activities: create, update and delete at the revision read, and
// adopting a template. Editors of the organisation only; every change audited (the trail stays with the organisation).
import { z } from 'zod';
import { editorOf, requireEditor } from '#core/access.ts';
import type { Tx } from '#core/audit.ts';
import type { Context } from '#core/context.ts';
import { isUniqueViolation, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { revision, slug } from '#core/input.ts';
import {
  ACTIVITIES_MAX,
  type ActivityInput,
  activityProblems,
  listOf,
  MEASURE_NUMBER_MAX,
  MEASURES_MAX,
  storedList,
  USAGES_MAX,
} from '#core/processing.ts';
import { PROCESSING_TEMPLATES } from '#core/processing-templates.ts';
import {
  auditChange,
  deleteAtRevision,
  globalIdOf,
  loadAtRevision,
  type Row,
  updateAtRevision,
  writerOf,
} from '#core/revisioned-write.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import { LegalGround, ProcessingRole, SpecialCategoryException } from './enums.ts';
import { ProcessingActivity } from './processing.ts';
import { Usage } from './usage.ts';

const list = z.array(z.string()).max(200, 'Te veel regels.');
// Bounded before anything is looked up: a refused number is named in the answer, so it is short.
const measureList = z
  .array(
    z
      .string()
      .max(MEASURE_NUMBER_MAX, `Een BIO2-maatregelnummer is ten hoogste ${MEASURE_NUMBER_MAX} tekens, zoals 5.12.01.`),
  )
  .max(MEASURES_MAX, `Noem ten hoogste ${MEASURES_MAX} BIO2-maatregelen.`);
const usageList = z.array(z.unknown()).max(USAGES_MAX, `Kies ten hoogste ${USAGES_MAX} applicaties.`);

/** The fields of an activity, shared by create and update (an update replaces them all). */
function activityFields(t: InputFields) {
  return {
    name: t.string({ required: true }),
    purpose: t.string({ required: true }),
    legalGround: t.field({ type: LegalGround, required: true }),
    specialCategories: t.boolean({ required: true }),
    specialException: t.field({ type: SpecialCategoryException }),
    criminalData: t.boolean({ required: true }),
    dataSubjects: t.stringList({ required: true, validate: list }),
    personalData: t.stringList({ required: true, validate: list }),
    retention: t.string({ required: true }),
    recipients: t.stringList({ validate: list }),
    role: t.field({ type: ProcessingRole, required: true }),
    measures: t.stringList({ description: 'BIO2 measure numbers, e.g. 5.12.01.', validate: measureList }),
    usages: t.globalIDList({
      for: Usage,
      description: 'Usages of the same organisation that support it.',
      validate: usageList,
    }),
  };
}

const CreateInput = builder.inputType('CreateProcessingActivityInput', {
  fields: (t) => ({ organisation: t.string({ required: true, validate: slug }), ...activityFields(t) }),
});
const UpdateInput = builder.inputType('UpdateProcessingActivityInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: ProcessingActivity }),
    revision: t.int({ required: true, validate: revision }),
    ...activityFields(t),
  }),
});

type Fields = Omit<ActivityInput, 'specialException' | 'recipients'> & {
  specialException?: ActivityInput['specialException'] | null;
  recipients?: readonly string[] | null;
  measures?: readonly string[] | null;
  usages?: readonly { id: string }[] | null;
};

const NAME_TAKEN = { path: ['input', 'name'], message: 'Er staat al een verwerking met deze naam in het register.' };

/**
 * A write of the activity's name. The unique constraint refuses a name another write took since resolveFields checked
 * it (two editors adding the same activity at once): answered as that check answers.
 */
async function claimingName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw isUniqueViolation(error) ? new ValidationError([NAME_TAKEN]) : error;
  }
}

/** Checks the activity, its measures and its usages (the organisation's own); the columns and links to write. */
async function resolveFields(tx: Tx, organisationId: string, input: Fields, selfId: string | null) {
  const activity: ActivityInput = {
    ...input,
    name: input.name.trim(),
    specialException: input.specialException ?? null,
    dataSubjects: listOf(input.dataSubjects.join('\n')),
    personalData: listOf(input.personalData.join('\n')),
    recipients: listOf((input.recipients ?? []).join('\n')),
  };
  const problems = activityProblems(activity).map((p) => ({ path: ['input', p.field], message: p.message }));
  const numbers = [...new Set((input.measures ?? []).map((m) => m.trim()).filter(Boolean))];
  const known = await tx.bio2Measure.findMany({
    where: { number: { in: numbers }, kind: { not: 'VERPLAATST' } },
    select: { number: true },
  });
  for (const n of numbers)
    if (!known.some((k) => k.number === n))
      problems.push({ path: ['input', 'measures'], message: `BIO2-maatregel ${n} bestaat niet.` });
  const usageIds = [...new Set((input.usages ?? []).map((u) => u.id))];
  const usages = await tx.usage.findMany({
    where: { id: { in: usageIds } },
    select: { id: true, organisationId: true },
  });
  for (const id of usageIds) {
    const usage = usages.find((u) => u.id === id);
    if (!usage) problems.push({ path: ['input', 'usages'], message: 'Dit gebruik bestaat niet.' });
    else if (usage.organisationId !== organisationId)
      problems.push({
        path: ['input', 'usages'],
        message: 'Dit gebruik hoort bij een andere organisatie; kies alleen gebruik uit het eigen landschap.',
      });
  }
  const clash = activity.name
    ? await tx.processingActivity.findFirst({
        where: { organisationId, name: activity.name, ...(selfId ? { id: { not: selfId } } : {}) },
        select: { id: true },
      })
    : null;
  if (clash) problems.push(NAME_TAKEN);
  if (problems.length) throw new ValidationError(problems);
  return {
    data: {
      name: activity.name,
      purpose: activity.purpose.trim(),
      legalGround: activity.legalGround,
      specialCategories: activity.specialCategories,
      specialException: activity.specialException,
      criminalData: activity.criminalData,
      dataSubjects: storedList(activity.dataSubjects),
      personalData: storedList(activity.personalData),
      retention: activity.retention.trim(),
      recipients: storedList(activity.recipients),
      role: activity.role,
    },
    measures: numbers,
    usageIds,
  };
}

async function writeLinks(tx: Tx, activityId: string, measures: string[], usageIds: string[]) {
  await tx.processingActivityMeasure.deleteMany({ where: { activityId } });
  await tx.processingActivityMeasure.createMany({
    data: measures.map((measureNumber) => ({ activityId, measureNumber })),
  });
  await tx.processingActivityUsage.deleteMany({ where: { activityId } });
  await tx.processingActivityUsage.createMany({ data: usageIds.map((usageId) => ({ activityId, usageId })) });
}

/** The activity as the audit trail records it: its fields, measure numbers and usage keys. */
export async function activitySnapshot(tx: Tx, id: string) {
  const a = await tx.processingActivity.findUnique({
    where: { id },
    include: {
      measures: { select: { measureNumber: true } },
      usages: { select: { usage: { select: { key: true } } } },
    },
  });
  if (!a) return null;
  const { measures, usages, id: _id, createdAt: _c, updatedAt: _u, ...fields } = a;
  return {
    ...fields,
    measures: measures.map((m) => m.measureNumber).sort(),
    usages: usages.map((u) => u.usage.key).sort(),
  };
}

/** Refuses a new activity when the organisation's register already holds ACTIVITIES_MAX. */
async function requireRoom(tx: Tx, organisationId: string, path: string[]) {
  if ((await tx.processingActivity.count({ where: { organisationId } })) < ACTIVITIES_MAX) return;
  throw new ValidationError([
    {
      path,
      message: `Het register is vol: ten hoogste ${ACTIVITIES_MAX.toLocaleString('nl-NL')} verwerkingen per organisatie. Verwijder eerst een verwerking die niet meer nodig is.`,
    },
  ]);
}

/** A stranger learns nothing of another organisation's register; a member who is no editor is refused. */
const byEditorsOfRegister = (ctx: Context, row: Row) =>
  Object.assign(
    (before: { organisationId: string }) => {
      if (!ctx.viewer?.organisationIds.includes(before.organisationId))
        throw new NotFoundError('Verwerking', globalIdOf(row));
      requireEditor(ctx, before.organisationId);
    },
    { reader: ctx.viewer },
  );

builder.mutationField('createProcessingActivity', (t) =>
  t.prismaField({
    type: ProcessingActivity,
    description: 'Adds an activity to the organisation’s register of processing activities; for its editors.',
    errors: mutationErrors('CreateProcessingActivity'),
    args: { input: t.arg({ type: CreateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { organisation } = await editorOf(tx, ctx, input.organisation);
        await requireRoom(tx, organisation.id, ['input', 'organisation']);
        const { data, measures, usageIds } = await resolveFields(tx, organisation.id, input, null);
        const { id } = await claimingName(
          tx.processingActivity.create({ data: { ...data, organisationId: organisation.id }, select: { id: true } }),
        );
        await writeLinks(tx, id, measures, usageIds);
        const row = { type: 'ProcessingActivity', id } as const;
        await auditChange(tx, writerOf(ctx, organisation.id), row, 'CREATE', null, await activitySnapshot(tx, id));
        return tx.processingActivity.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('adoptProcessingTemplate', (t) =>
  t.prismaField({
    type: ProcessingActivity,
    description:
      'Adds an activity prefilled from a template, linked to the organisation’s usages that realise its component.',
    errors: mutationErrors('AdoptProcessingTemplate'),
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      template: t.arg.string({ required: true, validate: z.string().max(100) }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { organisation } = await editorOf(tx, ctx, args.organisation);
        const template = PROCESSING_TEMPLATES.find((x) => x.id === args.template);
        if (!template) throw new NotFoundError('Sjabloon', args.template);
        await requireRoom(tx, organisation.id, ['organisation']);
        const usages = await tx.usage.findMany({
          where: {
            organisationId: organisation.id,
            status: { not: 'RETIRED' },
            referenceComponents: { some: { referenceComponentId: template.component.id } },
          },
          select: { id: true },
        });
        const { data, measures, usageIds } = await resolveFields(
          tx,
          organisation.id,
          { ...template, specialException: template.specialException ?? null, usages },
          null,
        );
        const { id } = await claimingName(
          tx.processingActivity.create({
            data: { ...data, organisationId: organisation.id, templateId: template.id },
            select: { id: true },
          }),
        );
        await writeLinks(tx, id, measures, usageIds);
        const row = { type: 'ProcessingActivity', id } as const;
        await auditChange(tx, writerOf(ctx, organisation.id), row, 'CREATE', null, await activitySnapshot(tx, id));
        return tx.processingActivity.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('updateProcessingActivity', (t) =>
  t.prismaField({
    type: ProcessingActivity,
    description: 'Replaces an activity’s fields at the revision read; for the organisation’s editors.',
    errors: mutationErrors('UpdateProcessingActivity'),
    args: { input: t.arg({ type: UpdateInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'ProcessingActivity', id: input.id.id } as const;
        const before = await loadAtRevision(
          tx,
          row,
          input.revision,
          (id: string) => activitySnapshot(tx, id),
          byEditorsOfRegister(ctx, row),
        );
        const { data, measures, usageIds } = await resolveFields(tx, before.organisationId, input, row.id);
        await claimingName(updateAtRevision(tx, row, input.revision, data));
        await writeLinks(tx, row.id, measures, usageIds);
        const after = await activitySnapshot(tx, row.id);
        await auditChange(tx, writerOf(ctx, before.organisationId), row, 'UPDATE', before, after);
        return tx.processingActivity.findUniqueOrThrow({ ...selection(query), where: { id: row.id } });
      }),
  }),
);

builder.mutationField('deleteProcessingActivity', (t) =>
  t.id({
    description: 'Deletes an activity from the register; returns its id. The audit trail keeps what it was.',
    errors: mutationErrors('DeleteProcessingActivity'),
    args: {
      id: t.arg.globalID({ required: true, for: ProcessingActivity }),
      revision: t.arg.int({ required: true, validate: revision }),
    },
    resolve: (_root, args, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'ProcessingActivity', id: args.id.id } as const;
        const before = await loadAtRevision(
          tx,
          row,
          args.revision,
          (id: string) => activitySnapshot(tx, id),
          byEditorsOfRegister(ctx, row),
        );
        await deleteAtRevision(tx, row, args.revision);
        await auditChange(tx, writerOf(ctx, before.organisationId), row, 'DELETE', before, null);
        return globalIdOf(row);
      }),
  }),
);
