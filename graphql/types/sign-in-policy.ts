// How an organisation's members sign in: with a password or not, with a second factor required or not. One switch
// for both, for the organisation's admins and instance administrators, audited on the organisation when it changes.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { recordAudit, type Tx } from '#core/audit.ts';
import type { Context, Viewer } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { slug } from '#core/input.ts';
import { requireOrganisationAdmin } from '#core/membership.ts';
import { endPasswordAccess } from '#core/sign-in-policy.ts';
import { builder, selection } from '../builder.ts';
import { Organisation } from './organisation.ts';

type Policy = 'passwordSignIn' | 'requireSecondFactor';
type Admitted = Awaited<ReturnType<typeof requireOrganisationAdmin>>;

interface PolicySwitch {
  /** The mutation's name; its arguments are `organisation` and `arg`. */
  name: string;
  description: string;
  policy: Policy;
  arg: string;
  /** Why a viewer who is no admin of the organisation is refused. */
  forbidden: string;
  /** Refuses a value the organisation cannot take now (with a ValidationError). */
  refuse?: (organisation: Admitted['organisation'], value: boolean) => void;
  /** What else the change does, in the same transaction; its answer joins the audit's after. */
  consequences?: (tx: Tx, organisationId: string, value: boolean, viewer: Viewer) => Promise<Record<string, unknown>>;
}

/** Sets one policy of an organisation; an unchanged value writes and audits nothing. */
function policySwitch(spec: PolicySwitch) {
  builder.mutationField(spec.name, (t) =>
    t.prismaField({
      type: Organisation,
      description: spec.description,
      errors: mutationErrors(spec.name[0]?.toUpperCase() + spec.name.slice(1), [
        ForbiddenError,
        NotFoundError,
        ValidationError,
      ]),
      args: {
        organisation: t.arg.string({ required: true, validate: slug }),
        [spec.arg]: t.arg.boolean({ required: true }),
      },
      resolve: async (query, _root, args, ctx: Context) => {
        const value = args[spec.arg] as boolean;
        return ctx.db.prisma.$transaction(async (tx) => {
          const { viewer, organisationId, organisation } = await requireOrganisationAdmin(
            tx,
            ctx,
            args.organisation as string,
            spec.forbidden,
          );
          spec.refuse?.(organisation, value);
          if (organisation[spec.policy] !== value) {
            await tx.organisation.update({ where: { id: organisationId }, data: { [spec.policy]: value } });
            const more = (await spec.consequences?.(tx, organisationId, value, viewer)) ?? {};
            await recordAudit(tx, {
              actor: viewer,
              source: ctx.source,
              organisationId,
              entityType: 'Organisation',
              entityId: encodeGlobalID('Organisation', organisationId),
              action: 'UPDATE',
              before: { [spec.policy]: organisation[spec.policy] },
              after: { [spec.policy]: value, ...more },
            });
          }
          return tx.organisation.findUniqueOrThrow({ ...selection(query), where: { id: organisationId } });
        });
      },
    }),
  );
}

policySwitch({
  name: 'setPasswordSignIn',
  description:
    'Switches password sign-in on or off for an organisation’s members (instance administrators keep it). Off only while an enabled provider signs them in. Switching it off also ends, at once, the members’ sessions not opened through a provider and revokes their API tokens (the caller keeps the session or token of this request). For the organisation’s admins and instance administrators.',
  policy: 'passwordSignIn',
  arg: 'enabled',
  forbidden: 'Alleen beheerders van deze organisatie mogen inloggen met een wachtwoord aan- of uitzetten.',
  refuse: (organisation, enabled) => {
    if (!enabled && organisation.identityProviders.length === 0)
      throw new ValidationError([
        {
          path: ['enabled'],
          message:
            'Inloggen met een wachtwoord kan pas uit als je organisatie een ingeschakelde inlogdienst heeft. Vraag de beheerder van Grondplan die in te stellen.',
        },
      ]);
  },
  consequences: async (tx, organisationId, enabled, viewer) => {
    if (enabled) return {};
    const ended = await endPasswordAccess(tx, organisationId, viewer);
    return { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens };
  },
});

policySwitch({
  name: 'setSecondFactorRequirement',
  description:
    'Requires (or no longer requires) a second factor of the organisation’s members; for its admins and instance administrators. A member without one sets one up at the next sign-in, before anything else.',
  policy: 'requireSecondFactor',
  arg: 'required',
  forbidden: 'Alleen beheerders van deze organisatie mogen bepalen hoe haar leden inloggen.',
});
