// Naming an organisation's officers (by its admins) and its security officer's confirmation that the landscape is
// current and complete. Both audited; the rules are in core/attestation.ts and core/membership.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { organisationBySlug, requireViewer } from '#core/access.ts';
import { requireSecurityOfficer } from '#core/attestation.ts';
import { recordAudit } from '#core/audit.ts';
import { normaliseEmail } from '#core/auth.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { slug } from '#core/input.ts';
import { email as emailAddress, requireOrganisationAdmin } from '#core/membership.ts';
import { builder } from '../builder.ts';
import { AttestationRef, OfficerRef } from './attestation.ts';
import { OfficerRole } from './enums.ts';

const options = (name: string) => mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]);

/** The officer's note: at most 1000 characters, blank is none. */
const note = z
  .string()
  .trim()
  .max(1000, 'Een toelichting is ten hoogste 1000 tekens lang.')
  .transform((v) => v || null);

builder.mutationField('setOfficer', (t) =>
  t.field({
    type: OfficerRef,
    nullable: true,
    description:
      'Names a member as the organisation’s security officer (CISO) or privacy officer (FG), or (officer null) takes the function away. For the organisation’s admins and instance administrators. Answers the officer, or null when the function was taken away.',
    errors: options('SetOfficer'),
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      email: t.arg.string({ required: true, validate: emailAddress }),
      officer: t.arg({ type: OfficerRole, required: false }),
    },
    resolve: async (_root, input, ctx) => {
      const email = normaliseEmail(input.email);
      const officer = input.officer ?? null;
      return ctx.db.prisma.$transaction(async (tx) => {
        const { viewer, organisationId } = await requireOrganisationAdmin(
          tx,
          ctx,
          input.organisation,
          'Alleen beheerders van deze organisatie wijzen haar informatiebeveiliger en privacy officer aan.',
        );
        const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true } });
        const before = user
          ? await tx.userMembership.findUnique({
              where: { userId_organisationId: { userId: user.id, organisationId } },
            })
          : null;
        if (!user || !before) throw new NotFoundError('Lidmaatschap', input.email);
        if (before.officer !== officer) {
          await tx.userMembership.update({
            where: { userId_organisationId: { userId: user.id, organisationId } },
            data: { officer },
          });
          await recordAudit(tx, {
            actor: viewer,
            source: ctx.source,
            organisationId,
            entityType: 'Membership',
            entityId: encodeGlobalID('User', user.id),
            action: 'UPDATE',
            before: { email, officer: before.officer },
            after: { email, officer },
          });
        }
        return officer ? { role: officer, name: user.name, email } : null;
      });
    },
  }),
);

builder.mutationField('attestLandscape', (t) =>
  t.field({
    type: AttestationRef,
    description:
      'The organisation’s security officer confirms that its landscape is current and complete: the hub records who, when and at which data version. Only for a member named SECURITY_OFFICER (setOfficer).',
    errors: options('AttestLandscape'),
    args: {
      organisation: t.arg.string({ required: true, validate: slug }),
      note: t.arg.string({ required: false, validate: note }),
    },
    resolve: async (_root, input, ctx) => {
      const viewer = requireViewer(ctx);
      return ctx.db.prisma.$transaction(async (tx) => {
        const organisation = await organisationBySlug(tx, input.organisation);
        await requireSecurityOfficer(tx, viewer, organisation);
        // The version the officer confirms: the data as it is before this confirmation is recorded.
        const version = await tx.dataVersion.findUnique({ where: { id: 1 }, select: { version: true } });
        const attestation = await tx.attestation.create({
          data: {
            organisationId: organisation.id,
            userId: viewer.userId,
            dataVersion: version?.version ?? 0,
            note: input.note ?? null,
          },
        });
        await recordAudit(tx, {
          actor: viewer,
          source: ctx.source,
          organisationId: organisation.id,
          entityType: 'Attestation',
          entityId: encodeGlobalID('Attestation', attestation.id),
          action: 'CONFIRM',
          before: null,
          after: { dataVersion: version?.version ?? 0, note: input.note ?? null },
        });
        return attestation;
      });
    },
  }),
);
