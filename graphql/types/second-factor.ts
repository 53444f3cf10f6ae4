// Second factors through the API: the second step of a sign-in (completeSignIn), the viewer's own factors (an
// authenticator app, passkeys, recovery codes) and an organisation's requirement of one. The core is
// core/second-factor.ts. Factors are managed in a browser session only: an API token cannot add or remove them.

import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireViewer } from '#core/access.ts';
import { recordAudit } from '#core/audit.ts';
import { publicUrl } from '#core/config.ts';
import { type Context, hasRole, type Viewer } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput, requiredText, slug } from '#core/input.ts';
import { sendNotice } from '#core/mail.ts';
import { activeFactors, groupedSecret, qrCodeDataUrl, SecondStepError, secondFactorRequired } from '#core/second-factor.ts';
import {
  addingNeedsProof,
  addPasskey,
  beginPasskeyRegistration,
  confirmTotp,
  FactorRemovalError,
  pendingTotp,
  regenerateRecoveryCodes,
  removeFactor,
  startTotpSetup,
} from '#core/second-factor-manage.ts';
import { completeSecondStep, openSecondStep, passkeyRequestOptions, type WebAuthnSite } from '#core/second-step.ts';
import { builder, selection } from '../builder.ts';
import { Organisation } from './organisation.ts';
import { SecondFactorMethod, SessionRef, SignInThrottled, ViewerRef } from './viewer.ts';

export const BROWSER_ONLY_FACTORS =
  'Tweede factoren stel je in op de website, niet met een API-token. Log in op de website en ga naar /account/tweestapsverificatie.';

/** The viewer of a browser session (factors are not managed with API tokens). */
function browserViewer(ctx: Context): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.via === 'API') throw new ForbiddenError(BROWSER_ONLY_FACTORS);
  return viewer;
}

/** The origin WebAuthn checks: the one the site runs on (GRONDPLAN_PUBLIC_URL behind a proxy), or the request's own. */
function webAuthnSite(ctx: Context): WebAuthnSite | null {
  const origin = publicUrl()?.origin ?? ctx.origin;
  return origin ? { origin } : null;
}

const NO_ORIGIN = 'Passkeys werken alleen via de website: het adres van de site is hier niet bekend.';

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
      description: 'The options for navigator.credentials.get() as JSON (PublicKeyCredentialRequestOptionsJSON), when the account has a passkey.',
    }),
  }),
});

builder.queryField('secondStep', (t) =>
  t.field({
    type: SecondStepRef,
    nullable: true,
    description: 'The second step of a sign-in by its challenge (from SecondFactorRequiredError); null when it expired or was used up.',
    args: { challenge: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const step = await openSecondStep(ctx.db, args.challenge.slice(0, 200));
      if (!step) return null;
      const site = webAuthnSite(ctx);
      const methods: SecondStepView['methods'] = [...(step.totp ? (['TOTP'] as const) : []), 'RECOVERY_CODE', ...(step.passkeys ? (['PASSKEY'] as const) : [])];
      return { expiresAt: step.expiresAt, methods, passkeyOptions: site && step.passkeys ? await passkeyRequestOptions(ctx.db, args.challenge, site) : null };
    },
  }),
);

builder.mutationField('completeSignIn', (t) =>
  t.field({
    type: SessionRef,
    description:
      'The second step of a sign-in: the challenge from SecondFactorRequiredError with one of a TOTP code, a recovery code (each usable once) or a passkey’s answer (JSON). Opens the session.',
    errors: { types: [ForbiddenError, ValidationError, SignInThrottled], result: { name: 'CompleteSignInSuccess' }, union: { name: 'CompleteSignInResult' } },
    args: {
      challenge: t.arg.string({ required: true }),
      code: t.arg.string(),
      recoveryCode: t.arg.string(),
      passkey: t.arg.string({ description: 'The AuthenticationResponseJSON of navigator.credentials.get(), as text.' }),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(
        z.object({
          challenge: z.string().min(1, 'De tweede stap ontbreekt. Log opnieuw in.').max(200),
          code: z.string().max(20, 'Een code uit je app heeft 6 cijfers.').nullish(),
          recoveryCode: z.string().max(40, 'Een herstelcode heeft 10 tekens.').nullish(),
          passkey: z.string().max(20_000).nullish(),
        }),
        args,
        [],
      );
      try {
        return await completeSecondStep(ctx.db, input.challenge, input, {
          address: ctx.clientAddress ?? undefined,
          userAgent: ctx.userAgent ?? undefined,
          source: ctx.source,
          site: webAuthnSite(ctx),
        });
      } catch (error) {
        if (!(error instanceof SecondStepError)) throw error;
        if (error.retryAfterSeconds !== null) throw new SignInThrottled(error.message, error.retryAfterSeconds);
        if (error.restart) throw new ForbiddenError(error.message);
        throw new ValidationError([
          { path: [input.passkey ? 'passkey' : input.recoveryCode && !input.code ? 'recoveryCode' : 'code'], message: error.message },
        ]);
      }
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
const TotpSetupRef = builder.objectRef<TotpSetupView>('TotpSetup').implement({
  description: 'An authenticator app being set up: its seed, shown only until the first code confirms it (confirmTotp). After that it never leaves the server.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'The seed (base32), to type over.' }),
    groupedSecret: t.string({ description: 'The seed in groups of four characters.', resolve: (s) => groupedSecret(s.secret) }),
    uri: t.exposeString('uri', { description: 'The otpauth:// URI the QR code holds.' }),
    qrCode: t.string({ description: 'The QR code as an SVG data URL.', resolve: (s) => qrCodeDataUrl(s.uri) }),
  }),
});

const SecondFactorsRef = builder.objectRef<FactorsView>('SecondFactors').implement({
  description: 'The viewer’s second factors.',
  fields: (t) => ({
    required: t.boolean({
      description: 'Whether the viewer must have one (instance administrators always; members of an organisation that requires it).',
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
      description: 'The authenticator app being set up and not yet confirmed (then its seed is shown once more); null otherwise.',
      resolve: (f, _args, ctx) => (f.viewer.via === 'UI' ? pendingTotp(ctx.db, f.viewer) : null),
    }),
    passkeys: t.prismaField({
      type: [PasskeyRef],
      resolve: (query, f, _args, ctx) => ctx.db.prisma.passkey.findMany({ ...query, where: { userId: f.viewer.userId }, orderBy: { createdAt: 'asc' } }),
    }),
    recoveryCodesLeft: t.int({
      description: 'Recovery codes not yet used.',
      resolve: (f, _args, ctx) => ctx.db.prisma.recoveryCode.count({ where: { userId: f.viewer.userId, usedAt: null } }),
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

const RecoveryCodesRef = builder.objectRef<{ codes: string[] }>('RecoveryCodes').implement({
  description: 'One-time recovery codes, shown only now (only their hashes are stored); empty when the viewer’s earlier codes stay valid.',
  fields: (t) => ({ codes: t.exposeStringList('codes') }),
});

/** Mails the viewer that a way to sign in was added (when SMTP is configured), after the answer. */
function noticeNewMethod(ctx: Context, detail: string) {
  const viewer = browserViewer(ctx);
  sendNotice(viewer.email, { kind: 'NEW_SIGN_IN_METHOD', detail, when: new Date(), address: ctx.clientAddress ?? undefined });
}

const factorErrors = (name: string) => mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]);

/** The password, or a current code from the app, given again to change the factors. */
const proofSchema = z.object({ password: z.string().max(500).nullish(), code: z.string().trim().max(20).nullish() });

const proofArgs = {
  password: { description: 'The password, given again.' },
  code: { description: 'Instead of the password: a code the authenticator app shows now (used up by this).' },
} as const;

/** Runs a change of the factors, mapping a refused proof (or the last factor) to a field error. */
async function proving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FactorRemovalError) throw new ValidationError([{ path: [error.field], message: error.message }]);
    throw error;
  }
}

builder.mutationField('startTotpSetup', (t) =>
  t.field({
    type: TotpSetupRef,
    description: 'Starts setting up an authenticator app: a new seed, active once confirmTotp confirms a first code.',
    errors: factorErrors('StartTotpSetup'),
    resolve: async (_root, _args, ctx) => {
      const viewer = browserViewer(ctx);
      const setup = await startTotpSetup(ctx.db, viewer);
      if (!setup) throw new ForbiddenError('Je hebt al een authenticator-app ingesteld. Verwijder die eerst als je een andere wilt gebruiken.');
      return setup;
    },
  }),
);

/** A six-digit code; spaces and dashes allowed. */
const totpCode = z
  .string()
  .trim()
  .max(20)
  .regex(/^\d{3}[\s-]?\d{3}$/, 'Vul de 6 cijfers in die je authenticator-app nu toont.');

builder.mutationField('confirmTotp', (t) =>
  t.field({
    type: RecoveryCodesRef,
    description:
      'Confirms the authenticator app being set up with its first code; then it is a factor. When the viewer has a factor already (a passkey), the password is asked again. Returns recovery codes when the viewer had none.',
    errors: factorErrors('ConfirmTotp'),
    args: { code: t.arg.string({ required: true }), password: t.arg.string(proofArgs.password) },
    resolve: async (_root, args, ctx) => {
      const viewer = browserViewer(ctx);
      const input = parseInput(z.object({ code: totpCode, password: proofSchema.shape.password }), args, []);
      const result = await proving(() => confirmTotp(ctx.db, viewer, input.code, { password: input.password }, ctx.source));
      if (!result)
        throw new ValidationError([
          { path: ['code'], message: 'Deze code klopt niet. Controleer of de klok van je telefoon goed staat en vul de code in die je app nu toont.' },
        ]);
      noticeNewMethod(ctx, 'een authenticator-app voor inlogcodes');
      return { codes: result.recoveryCodes };
    },
  }),
);

builder.mutationField('regenerateRecoveryCodes', (t) =>
  t.field({
    type: RecoveryCodesRef,
    description: 'Ten new recovery codes, after the password (or a current code from the app) is given again; the old ones stop working.',
    errors: factorErrors('RegenerateRecoveryCodes'),
    args: { password: t.arg.string(proofArgs.password), code: t.arg.string(proofArgs.code) },
    resolve: async (_root, args, ctx) => {
      const viewer = browserViewer(ctx);
      const proof = parseInput(proofSchema, args, []);
      const codes = await proving(() => regenerateRecoveryCodes(ctx.db, viewer, proof, ctx.source));
      if (!codes) throw new ForbiddenError('Herstelcodes horen bij een tweede factor. Stel eerst een authenticator-app of passkey in.');
      noticeNewMethod(ctx, 'tien nieuwe herstelcodes (de oude werken niet meer)');
      return { codes };
    },
  }),
);

builder.mutationField('beginPasskeyRegistration', (t) =>
  t.string({
    description: 'The options for navigator.credentials.create() as JSON (PublicKeyCredentialCreationOptionsJSON); answer with addPasskey within 10 minutes.',
    errors: factorErrors('BeginPasskeyRegistration'),
    resolve: async (_root, _args, ctx) => {
      const viewer = browserViewer(ctx);
      const site = webAuthnSite(ctx);
      if (!site) throw new ForbiddenError(NO_ORIGIN);
      return beginPasskeyRegistration(ctx.db, viewer, site);
    },
  }),
);

builder.mutationField('addPasskey', (t) =>
  t.field({
    type: RecoveryCodesRef,
    description:
      'Adds a passkey from the browser’s answer (RegistrationResponseJSON as text). When the viewer has a factor already, the password (or a current code from the app) is asked again. Returns recovery codes when the viewer had none.',
    errors: factorErrors('AddPasskey'),
    args: {
      name: t.arg.string({ required: true }),
      response: t.arg.string({ required: true }),
      password: t.arg.string(proofArgs.password),
      code: t.arg.string(proofArgs.code),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = browserViewer(ctx);
      const input = parseInput(
        proofSchema.extend({ name: requiredText(60), response: z.string().min(1, 'Het antwoord van de passkey ontbreekt.').max(20_000) }),
        args,
        [],
      );
      const site = webAuthnSite(ctx);
      if (!site) throw new ForbiddenError(NO_ORIGIN);
      const result = await proving(() => addPasskey(ctx.db, viewer, input, input, site, ctx.source));
      if (!result)
        throw new ValidationError([
          { path: ['response'], message: 'De passkey kon niet worden toegevoegd: het antwoord klopt niet of is verlopen. Probeer het opnieuw.' },
        ]);
      noticeNewMethod(ctx, `de passkey "${input.name}"`);
      return { codes: result.recoveryCodes };
    },
  }),
);

/** Removes a factor, mapping the core's refusals to field errors. */
async function remove(
  ctx: Context,
  factor: { totp: true } | { passkeyId: string },
  given: { password?: string | null; code?: string | null },
): Promise<boolean> {
  const viewer = browserViewer(ctx);
  const proof = parseInput(proofSchema, given, []);
  if (!(await proving(() => removeFactor(ctx.db, viewer, factor, proof, ctx.source))))
    throw new NotFoundError('totp' in factor ? 'Authenticator-app' : 'Passkey', 'totp' in factor ? 'app' : factor.passkeyId);
  return true;
}

builder.mutationField('removeTotp', (t) =>
  t.boolean({
    description: 'Removes the authenticator app (the password, or a current code, is asked again). The last factor of a user who must have one stays.',
    errors: factorErrors('RemoveTotp'),
    args: { password: t.arg.string(proofArgs.password), code: t.arg.string(proofArgs.code) },
    resolve: (_root, args, ctx) => remove(ctx, { totp: true }, args),
  }),
);

builder.mutationField('removePasskey', (t) =>
  t.boolean({
    description: 'Removes one of the viewer’s passkeys (the password, or a current code, is asked again). The last factor of a user who must have one stays.',
    errors: factorErrors('RemovePasskey'),
    args: { id: t.arg.id({ required: true }), password: t.arg.string(proofArgs.password), code: t.arg.string(proofArgs.code) },
    resolve: (_root, args, ctx) => remove(ctx, { passkeyId: String(args.id) }, args),
  }),
);

// ------------------------------------------------------------------------------------------------ the requirement

builder.prismaObjectFields(Organisation, (t) => ({
  requireSecondFactor: t.exposeBoolean('requireSecondFactor', {
    description: 'Its members need a second factor (an authenticator app or a passkey) besides their password.',
  }),
  viewerCanRequireSecondFactor: t.boolean({
    description: 'Whether the viewer may set requireSecondFactor: an admin of the organisation or an instance administrator.',
    resolve: (o, _args, ctx) => Boolean(ctx.viewer && (ctx.viewer.isInstanceAdmin || hasRole(ctx.viewer, o.id, 'ADMIN'))),
  }),
  membersWithoutSecondFactor: t.int({
    nullable: true,
    description: 'How many members have no second factor yet (for its admins and instance administrators; null for others).',
    resolve: (o, _args, ctx) =>
      ctx.viewer && (ctx.viewer.isInstanceAdmin || hasRole(ctx.viewer, o.id, 'ADMIN'))
        ? ctx.db.prisma.userMembership.count({
            where: { organisationId: o.id, user: { passkeys: { none: {} }, OR: [{ totpFactor: null }, { totpFactor: { confirmedAt: null } }] } },
          })
        : null,
  }),
}));

builder.mutationField('setSecondFactorRequirement', (t) =>
  t.prismaField({
    type: Organisation,
    description:
      'Requires (or no longer requires) a second factor of the organisation’s members; for its admins and instance administrators. A member without one sets one up at the next sign-in, before anything else.',
    errors: factorErrors('SetSecondFactorRequirement'),
    args: { organisation: t.arg.string({ required: true }), required: t.arg.boolean({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const input = parseInput(z.object({ organisation: slug, required: z.boolean() }), args, []);
      return ctx.db.prisma.$transaction(async (tx) => {
        const org = await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true, requireSecondFactor: true } });
        if (!org) throw new NotFoundError('Organisatie', input.organisation);
        if (!viewer.isInstanceAdmin && !hasRole(viewer, org.id, 'ADMIN'))
          throw new ForbiddenError('Alleen beheerders van deze organisatie mogen bepalen hoe haar leden inloggen.');
        if (org.requireSecondFactor !== input.required) {
          await tx.organisation.update({ where: { id: org.id }, data: { requireSecondFactor: input.required } });
          await recordAudit(tx, {
            actor: viewer,
            source: ctx.source,
            organisationId: org.id,
            entityType: 'Organisation',
            entityId: encodeGlobalID('Organisation', org.id),
            action: 'UPDATE',
            before: { requireSecondFactor: org.requireSecondFactor },
            after: { requireSecondFactor: input.required },
          });
        }
        return tx.organisation.findUniqueOrThrow({ ...selection(query), where: { id: org.id } });
      });
    },
  }),
);
