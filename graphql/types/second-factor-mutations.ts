// Second factors changed through the API: the second step of a sign-in (completeSignIn) and the viewer's own factors
// (an authenticator app, passkeys, recovery codes), in a browser session only. The core is core/second-factor.ts.
import { z } from 'zod';
import type { Context } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput, requiredText } from '#core/input.ts';
import { sendNotice } from '#core/mail.ts';
import { SecondStepError } from '#core/second-factor.ts';
import {
  addPasskey,
  beginPasskeyRegistration,
  confirmTotp,
  FactorRemovalError,
  regenerateRecoveryCodes,
  removeFactor,
  startTotpSetup,
} from '#core/second-factor-manage.ts';
import { completeSecondStep } from '#core/second-step.ts';
import { builder } from '../builder.ts';
import { browserViewer, NO_ORIGIN, RecoveryCodesRef, TotpSetupRef, webAuthnSite } from './second-factor.ts';
import { SessionRef, SignInThrottled } from './viewer.ts';

builder.mutationField('completeSignIn', (t) =>
  t.field({
    type: SessionRef,
    description:
      'The second step of a sign-in: the challenge from SecondFactorRequiredError with one of a TOTP code, a recovery code (each usable once) or a passkey’s answer (JSON). Opens the session.',
    errors: {
      types: [ForbiddenError, ValidationError, SignInThrottled],
      result: { name: 'CompleteSignInSuccess' },
      union: { name: 'CompleteSignInResult' },
    },
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
          {
            path: [input.passkey ? 'passkey' : input.recoveryCode && !input.code ? 'recoveryCode' : 'code'],
            message: error.message,
          },
        ]);
      }
    },
  }),
);

/** Mails the viewer that a way to sign in was added (when SMTP is configured), after the answer. */
function noticeNewMethod(ctx: Context, detail: string) {
  const viewer = browserViewer(ctx);
  sendNotice(viewer.email, {
    kind: 'NEW_SIGN_IN_METHOD',
    detail,
    when: new Date(),
    address: ctx.clientAddress ?? undefined,
  });
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
    if (error instanceof FactorRemovalError)
      throw new ValidationError([{ path: [error.field], message: error.message }]);
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
      if (!setup)
        throw new ForbiddenError(
          'Je hebt al een authenticator-app ingesteld. Verwijder die eerst als je een andere wilt gebruiken.',
        );
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
      const result = await proving(() =>
        confirmTotp(ctx.db, viewer, input.code, { password: input.password }, ctx.source),
      );
      if (!result)
        throw new ValidationError([
          {
            path: ['code'],
            message:
              'Deze code klopt niet. Controleer of de klok van je telefoon goed staat en vul de code in die je app nu toont.',
          },
        ]);
      noticeNewMethod(ctx, 'een authenticator-app voor inlogcodes');
      return { codes: result.recoveryCodes };
    },
  }),
);

builder.mutationField('regenerateRecoveryCodes', (t) =>
  t.field({
    type: RecoveryCodesRef,
    description:
      'Ten new recovery codes, after the password (or a current code from the app) is given again; the old ones stop working.',
    errors: factorErrors('RegenerateRecoveryCodes'),
    args: { password: t.arg.string(proofArgs.password), code: t.arg.string(proofArgs.code) },
    resolve: async (_root, args, ctx) => {
      const viewer = browserViewer(ctx);
      const proof = parseInput(proofSchema, args, []);
      const codes = await proving(() => regenerateRecoveryCodes(ctx.db, viewer, proof, ctx.source));
      if (!codes)
        throw new ForbiddenError(
          'Herstelcodes horen bij een tweede factor. Stel eerst een authenticator-app of passkey in.',
        );
      noticeNewMethod(ctx, 'tien nieuwe herstelcodes (de oude werken niet meer)');
      return { codes };
    },
  }),
);

builder.mutationField('beginPasskeyRegistration', (t) =>
  t.string({
    description:
      'The options for navigator.credentials.create() as JSON (PublicKeyCredentialCreationOptionsJSON); answer with addPasskey within 10 minutes.',
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
        proofSchema.extend({
          name: requiredText(60),
          response: z.string().min(1, 'Het antwoord van de passkey ontbreekt.').max(20_000),
        }),
        args,
        [],
      );
      const site = webAuthnSite(ctx);
      if (!site) throw new ForbiddenError(NO_ORIGIN);
      const result = await proving(() => addPasskey(ctx.db, viewer, input, input, site, ctx.source));
      if (!result)
        throw new ValidationError([
          {
            path: ['response'],
            message:
              'De passkey kon niet worden toegevoegd: het antwoord klopt niet of is verlopen. Probeer het opnieuw.',
          },
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
    throw new NotFoundError(
      'totp' in factor ? 'Authenticator-app' : 'Passkey',
      'totp' in factor ? 'app' : factor.passkeyId,
    );
  return true;
}

builder.mutationField('removeTotp', (t) =>
  t.boolean({
    description:
      'Removes the authenticator app (the password, or a current code, is asked again). The last factor of a user who must have one stays.',
    errors: factorErrors('RemoveTotp'),
    args: { password: t.arg.string(proofArgs.password), code: t.arg.string(proofArgs.code) },
    resolve: (_root, args, ctx) => remove(ctx, { totp: true }, args),
  }),
);

builder.mutationField('removePasskey', (t) =>
  t.boolean({
    description:
      'Removes one of the viewer’s passkeys (the password, or a current code, is asked again). The last factor of a user who must have one stays.',
    errors: factorErrors('RemovePasskey'),
    args: {
      id: t.arg.id({ required: true }),
      password: t.arg.string(proofArgs.password),
      code: t.arg.string(proofArgs.code),
    },
    resolve: (_root, args, ctx) => remove(ctx, { passkeyId: String(args.id) }, args),
  }),
);
