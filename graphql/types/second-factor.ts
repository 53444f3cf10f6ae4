import { requireViewer } from '#core/access.ts';
import { publicUrl } from '#core/config.ts';
import { type Context, hasRole, type Viewer } from '#core/context.ts';
import { ForbiddenError } from '#core/errors.ts';
import { activeFactors, groupedSecret, qrCodeDataUrl, secondFactorRequired } from '#core/second-factor.ts';
import { addingNeedsProof, pendingTotp } from '#core/second-factor-manage.ts';
import { openSecondStep, passkeyRequestOptions, type WebAuthnSite } from '#core/second-step.ts';
import { builder } from '../builder.ts';
import { Organisation } from './organisation.ts';
import { SecondFactorMethod, ViewerRef } from './viewer.ts';

export const BROWSER_ONLY_FACTORS =
  'Tweede factoren stel je in op de website, niet met een API-token. Log in op de website en ga naar /account/tweestapsverificatie.';

/** The viewer of a browser session (factors are not managed with API tokens). */
export function browserViewer(ctx: Context): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.via === 'API') throw new ForbiddenError(BROWSER_ONLY_FACTORS);
  return viewer;
}

/** The origin WebAuthn checks: the one the site runs on (GRONDPLAN_PUBLIC_URL behind a proxy), or the request's own. */
export function webAuthnSite(ctx: Context): WebAuthnSite | null {
  const origin = publicUrl()?.origin ?? ctx.origin;
  return origin ? { origin } : null;
}

export const NO_ORIGIN = 'Passkeys werken alleen via de website: het adres van de site is hier niet bekend.';

// ------------------------------------------------------------------------------------------------ the second step

interface SecondStepView {
  expiresAt: Date;
  methods: ('TOTP' | 'RECOVERY_CODE' | 'PASSKEY')[];
  passkeyOptions: string | null;
}
const SecondStepRef = builder.objectRef<SecondStepView>('SecondStep').implement({
  description: 'An open second step of a sign-in: the ways to pass it.',
  fields: (t) => ({
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    methods: t.field({ type: [SecondFactorMethod], resolve: (s) => s.methods }),
    passkeyOptions: t.exposeString('passkeyOptions', {
      nullable: true,
      description:
        'The options for navigator.credentials.get() as JSON (PublicKeyCredentialRequestOptionsJSON), when the account has a passkey.',
    }),
  }),
});

builder.queryField('secondStep', (t) =>
  t.field({
    type: SecondStepRef,
    nullable: true,
    description:
      'The second step of a sign-in by its challenge (from SecondFactorRequiredError); null when it expired or was used up.',
    args: { challenge: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const step = await openSecondStep(ctx.db, args.challenge.slice(0, 200));
      if (!step) return null;
      const site = webAuthnSite(ctx);
      const methods: SecondStepView['methods'] = [
        ...(step.totp ? (['TOTP'] as const) : []),
        'RECOVERY_CODE',
        ...(step.passkeys ? (['PASSKEY'] as const) : []),
      ];
      return {
        expiresAt: step.expiresAt,
        methods,
        passkeyOptions: site && step.passkeys ? await passkeyRequestOptions(ctx.db, args.challenge, site) : null,
      };
    },
  }),
);

// ------------------------------------------------------------------------------------------------ the viewer's factors

interface FactorsView {
  viewer: Viewer;
}
const PasskeyRef = builder.prismaObject('Passkey', {
  description: 'A passkey the viewer registered (never its key).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
  }),
});

interface TotpSetupView {
  secret: string;
  uri: string;
}
export const TotpSetupRef = builder.objectRef<TotpSetupView>('TotpSetup').implement({
  description:
    'An authenticator app being set up: its seed, shown only until the first code confirms it (confirmTotp). After that it never leaves the server.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'The seed (base32), to type over.' }),
    groupedSecret: t.string({
      description: 'The seed in groups of four characters.',
      resolve: (s) => groupedSecret(s.secret),
    }),
    uri: t.exposeString('uri', { description: 'The otpauth:// URI the QR code holds.' }),
    qrCode: t.string({ description: 'The QR code as an SVG data URL.', resolve: (s) => qrCodeDataUrl(s.uri) }),
  }),
});

const SecondFactorsRef = builder.objectRef<FactorsView>('SecondFactors').implement({
  description: 'The viewer’s second factors.',
  fields: (t) => ({
    required: t.boolean({
      description:
        'Whether the viewer must have one (instance administrators always; members of an organisation that requires it).',
      resolve: (f, _args, ctx) => secondFactorRequired(ctx.db.prisma, f.viewer.userId),
    }),
    addingNeedsPassword: t.boolean({
      description:
        'Whether adding a factor asks for the password again: when the viewer has a factor already, or signed in through an identity provider while the account has a password.',
      resolve: (f, _args, ctx) => addingNeedsProof(ctx.db, f.viewer),
    }),
    totp: t.boolean({
      description: 'An authenticator app is set up and confirmed.',
      resolve: async (f, _args, ctx) => (await activeFactors(ctx.db.prisma, f.viewer.userId)).totp,
    }),
    pendingTotp: t.field({
      type: TotpSetupRef,
      nullable: true,
      description:
        'The authenticator app being set up and not yet confirmed (then its seed is shown once more); null otherwise.',
      resolve: (f, _args, ctx) => (f.viewer.via === 'UI' ? pendingTotp(ctx.db, f.viewer) : null),
    }),
    passkeys: t.prismaField({
      type: [PasskeyRef],
      resolve: (query, f, _args, ctx) =>
        ctx.db.prisma.passkey.findMany({ ...query, where: { userId: f.viewer.userId }, orderBy: { createdAt: 'asc' } }),
    }),
    recoveryCodesLeft: t.int({
      description: 'Recovery codes not yet used.',
      resolve: (f, _args, ctx) =>
        ctx.db.prisma.recoveryCode.count({ where: { userId: f.viewer.userId, usedAt: null } }),
    }),
  }),
});

builder.objectFields(ViewerRef, (t) => ({
  mustSetUpSecondFactor: t.boolean({
    description: 'A second factor is required and the viewer has none: set one up before anything else.',
    resolve: (v) => Boolean(v.mustSetUpSecondFactor),
  }),
  secondFactors: t.field({ type: SecondFactorsRef, resolve: (viewer) => ({ viewer }) }),
}));

export const RecoveryCodesRef = builder.objectRef<{ codes: string[] }>('RecoveryCodes').implement({
  description:
    'One-time recovery codes, shown only now (only their hashes are stored); empty when the viewer’s earlier codes stay valid.',
  fields: (t) => ({ codes: t.exposeStringList('codes') }),
});

// ------------------------------------------------------------------------------------------------ the requirement

builder.prismaObjectFields(Organisation, (t) => ({
  requireSecondFactor: t.exposeBoolean('requireSecondFactor', {
    description: 'Its members need a second factor (an authenticator app or a passkey) besides their password.',
  }),
  viewerCanRequireSecondFactor: t.boolean({
    description:
      'Whether the viewer may set requireSecondFactor: an admin of the organisation or an instance administrator.',
    resolve: (o, _args, ctx) =>
      Boolean(ctx.viewer && (ctx.viewer.isInstanceAdmin || hasRole(ctx.viewer, o.id, 'ADMIN'))),
  }),
  membersWithoutSecondFactor: t.int({
    nullable: true,
    description:
      'How many members have no second factor yet (for its admins and instance administrators; null for others).',
    resolve: (o, _args, ctx) =>
      ctx.viewer && (ctx.viewer.isInstanceAdmin || hasRole(ctx.viewer, o.id, 'ADMIN'))
        ? ctx.db.prisma.userMembership.count({
            where: {
              organisationId: o.id,
              user: { passkeys: { none: {} }, OR: [{ totpFactor: null }, { totpFactor: { confirmedAt: null } }] },
            },
          })
        : null,
  }),
}));
