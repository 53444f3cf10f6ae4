// Writing an organisation's statement of applicability: one line at a time at a known revision, and the share
// setting. Editors of the organisation only; every change audited (its private fields stay with the organisation).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { editorOf } from '#core/access.ts';
import { recordAudit } from '#core/audit.ts';
import { todayNl } from '#core/dates.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { date, revision, slug, text } from '#core/input.ts';
import { writerOf } from '#core/revisioned-write.ts';
import { REASON_MAX, SHORT_MAX, vvtLineProblems } from '#core/vvt.ts';
import { writeVvtLine } from '#core/vvt-write.ts';
import { builder, selection } from '../builder.ts';
import { VvtShareMode, VvtState } from './enums.ts';
import { Organisation } from './organisation.ts';
import { VvtStatement } from './vvt.ts';

const SetVvtStatementInput = builder.inputType('SetVvtStatementInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, validate: slug }),
    measure: t.string({ required: true, validate: z.string().regex(/^\d\.\d{2}\.\d{2}$/, 'Een nummer als 5.01.01.') }),
    revision: t.int({
      description: 'The revision read; leave out for a line not written before.',
      validate: revision.nullish(),
    }),
    applies: t.boolean({ description: 'Null: not decided yet.' }),
    reason: t.string({ validate: text(REASON_MAX).nullish() }),
    state: t.field({ type: VvtState, required: true }),
    owner: t.string({ validate: text(SHORT_MAX).nullish() }),
    evidence: t.string({ validate: text(SHORT_MAX).nullish() }),
    reviewedOn: t.field({ type: 'Date', validate: date.nullish() }),
  }),
});

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

builder.mutationField('setVvtStatement', (t) =>
  t.prismaField({
    type: VvtStatement,
    description: 'Writes one line of the organisation’s statement of applicability; for its editors.',
    errors: mutationErrors('SetVvtStatement', [ForbiddenError, NotFoundError, ValidationError, ConflictError]),
    args: { input: t.arg({ type: SetVvtStatementInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { organisation, viewer } = await editorOf(tx, ctx, input.organisation);
        const measure = await tx.bio2Measure.findUnique({ where: { number: input.measure } });
        if (!measure || measure.kind === 'VERPLAATST') throw new NotFoundError('BIO2-maatregel', input.measure);
        const line = {
          applies: input.applies ?? null,
          reason: blank(input.reason),
          state: input.state,
          owner: blank(input.owner),
          evidence: blank(input.evidence),
          reviewedOn: input.reviewedOn ?? null,
        };
        const problems = vvtLineProblems(line, todayNl());
        if (problems.length)
          throw new ValidationError(problems.map((p) => ({ path: ['input', p.field], message: p.message })));
        const id = await writeVvtLine(
          tx,
          { ...writerOf(ctx, organisation.id), actor: viewer, organisationId: organisation.id },
          measure.number,
          line,
          input.revision ?? null,
          ctx.viewer,
        );
        return tx.vvtStatement.findUniqueOrThrow({ ...selection(query), where: { id } });
      }),
  }),
);

builder.mutationField('setVvtShare', (t) =>
  t.prismaField({
    type: Organisation,
    description: 'Sets with whom the organisation shares its statement of applicability; for its editors.',
    errors: mutationErrors('SetVvtShare', [ForbiddenError, NotFoundError, ValidationError]),
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      mode: t.arg({ type: VvtShareMode, required: true }),
      partners: t.arg.stringList({
        description: 'Slugs of the partners for NAMED.',
        validate: z.array(slug).max(50, 'Noem ten hoogste 50 partners.').nullish(),
      }),
    },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const { organisation, viewer } = await editorOf(tx, ctx, args.organisation);
        const slugs = args.mode === 'NAMED' ? [...new Set(args.partners ?? [])] : [];
        const partners = await tx.organisation.findMany({
          where: { slug: { in: slugs } },
          select: { id: true, slug: true },
        });
        const unknown = slugs.filter((s) => !partners.some((p) => p.slug === s));
        if (unknown.length)
          throw new ValidationError([{ path: ['partners'], message: `Onbekende organisatie: ${unknown.join(', ')}.` }]);
        if (args.mode === 'NAMED' && partners.length === 0)
          throw new ValidationError([{ path: ['partners'], message: 'Noem ten minste één partner om mee te delen.' }]);
        const before = await tx.vvtShare.findUnique({
          where: { organisationId: organisation.id },
          include: { partners: { include: { partner: { select: { slug: true } } } } },
        });
        await tx.vvtShare.upsert({
          where: { organisationId: organisation.id },
          create: { organisationId: organisation.id, mode: args.mode },
          update: { mode: args.mode },
        });
        await tx.vvtSharePartner.deleteMany({ where: { organisationId: organisation.id } });
        if (partners.length)
          await tx.vvtSharePartner.createMany({
            data: partners.map((p) => ({ organisationId: organisation.id, partnerId: p.id })),
          });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: organisation.id,
          entityType: 'VvtShare',
          entityId: encodeGlobalID('Organisation', organisation.id),
          action: 'UPDATE',
          before: {
            mode: before?.mode ?? 'PRIVATE',
            partners: (before?.partners ?? []).map((p) => p.partner.slug).sort(),
          },
          after: { mode: args.mode, partners: partners.map((p) => p.slug).sort() },
        });
        return tx.organisation.findUniqueOrThrow({ ...selection(query), where: { id: organisation.id } });
      }),
  }),
);
