// Signing in through an organisation's OpenID Connect provider (core/sso.ts does the protocol): start, the
// provider's answer, confirming an existing account, and single sign-out. The site's pages keep the flow token in an
// httpOnly cookie; an API client keeps it itself.
import { z } from 'zod';
import { signOut } from '#core/auth.ts';
import { publicUrl } from '#core/config.ts';
import type { Context } from '#core/context.ts';
import { ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import { parseInput } from '#core/input.ts';
import { providerForEmail, providerSignOutUrl, SsoError, startSignIn } from '#core/sso.ts';
import { confirmLink, pendingLink } from '#core/sso-link.ts';
import { completeSignIn, type RequestDetails } from '#core/sso-sign-in.ts';
import { builder } from '../builder.ts';
import { SessionRef } from './viewer.ts';

const options = (name: string) => mutationErrors(name, [ForbiddenError, NotFoundError, ValidationError]);

/** Where the provider answers (registered at the provider as the hub's redirect URI). */
export const CALLBACK_PATH = '/inloggen/sso/terug';

/**
 * An address on this hub for the provider, built on the server: on GRONDPLAN_PUBLIC_URL (as links in mails), else on
 * the origin of the request (the site's pages pass theirs in-process). Never an address the caller chooses.
 */
function hubUrl(ctx: Context, path: string): string | null {
  const base = publicUrl()?.href ?? ctx.origin;
  return base && URL.canParse(base) ? new URL(path, base).href : null;
}

const details = (ctx: Context): RequestDetails => ({
  address: ctx.clientAddress ?? '',
  userAgent: ctx.userAgent ?? '',
  source: ctx.source,
});

/** A refusal of the flow is shown as it is (Dutch, about what to do); anything else is an error of the hub. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SsoError)
      throw error.field
        ? new ValidationError([{ path: [error.field], message: error.message }])
        : new ForbiddenError(error.message);
    throw error;
  }
}

const webUrl = (message: string) =>
  z
    .string()
    .max(2000)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.hash;
      } catch {
        return false;
      }
    }, message);

const StartRef = builder
  .objectRef<{ url: string; flowToken: string; expiresAt: Date; providerName: string }>('SsoSignInStart')
  .implement({
    description:
      'Send the browser to `authorizationUrl`; keep `flowToken` (the site keeps it in an httpOnly cookie) for completeSsoSignIn.',
    fields: (t) => ({
      authorizationUrl: t.exposeString('url'),
      flowToken: t.exposeString('flowToken'),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      providerName: t.exposeString('providerName'),
    }),
  });

builder.mutationField('startSsoSignIn', (t) =>
  t.field({
    type: StartRef,
    description:
      'Starts a sign-in through the provider of the e-mail address’s domain, or the provider chosen by id. The provider answers at the hub’s own /inloggen/sso/terug on GRONDPLAN_PUBLIC_URL (else the origin of the request): a caller cannot choose where the answer goes.',
    errors: options('StartSsoSignIn'),
    args: {
      email: t.arg.string(),
      provider: t.arg.id(),
      returnPath: t.arg.string({ description: 'Where the site goes after sign-in (a path on the site).' }),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(
        z.object({
          email: z
            .string()
            .trim()
            .max(200)
            .pipe(z.email('Vul een geldig e-mailadres in, zoals naam@emmen.nl.'))
            .nullish(),
          provider: z.string().max(100).nullish(),
          returnPath: z.string().max(2000).nullish(),
        }),
        { ...args, provider: args.provider === null || args.provider === undefined ? null : String(args.provider) },
        [],
      );
      const provider = input.provider
        ? await ctx.db.prisma.identityProvider.findFirst({ where: { id: input.provider, enabled: true } })
        : input.email
          ? await providerForEmail(ctx.db, input.email)
          : null;
      if (!provider) {
        if (!input.provider && !input.email)
          throw new ValidationError([{ path: ['email'], message: 'Vul je e-mailadres in of kies je organisatie.' }]);
        throw new ValidationError([
          input.provider
            ? {
                path: ['provider'],
                message:
                  'Deze organisatie heeft geen ingeschakelde inlogdienst. Kies een andere of log in met je wachtwoord.',
              }
            : {
                path: ['email'],
                message: `Voor het maildomein van ${input.email} is geen inloggen via de organisatie ingesteld. Log in met je wachtwoord, of kies je organisatie.`,
              },
        ]);
      }
      const returnPath =
        input.returnPath?.startsWith('/') && !input.returnPath.startsWith('//') ? input.returnPath : '/';
      const redirectUri = hubUrl(ctx, CALLBACK_PATH);
      if (!redirectUri)
        throw new ValidationError([
          {
            path: [],
            message:
              'Het adres van Grondplan is onbekend, dus inloggen via je organisatie kan nu niet. Meld het bij de beheerder van Grondplan.',
          },
        ]);
      const started = await refusing(() =>
        startSignIn(ctx.db, provider, { redirectUri, returnPath, loginHint: input.email ?? undefined }),
      );
      return { ...started, providerName: provider.name };
    },
  }),
);

const OutcomeRef = builder
  .objectRef<{
    session: { token: string; expiresAt: Date } | null;
    linkEmail: string | null;
    providerName: string | null;
    returnPath: string;
  }>('SsoSignIn')
  .implement({
    description:
      'Either a session, or (linkEmail) an existing account with the provider’s address that its owner must confirm with its password (linkSsoAccount, same flow token).',
    fields: (t) => ({
      session: t.field({ type: SessionRef, nullable: true, resolve: (o) => o.session }),
      linkEmail: t.exposeString('linkEmail', { nullable: true }),
      providerName: t.exposeString('providerName', { nullable: true }),
      returnPath: t.exposeString('returnPath'),
    }),
  });

builder.mutationField('completeSsoSignIn', (t) =>
  t.field({
    type: OutcomeRef,
    description: 'Handles the provider’s answer (the full callback URL) for the flow; each flow is handled once.',
    errors: options('CompleteSsoSignIn'),
    args: { flowToken: t.arg.string({ required: true }), callbackUrl: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(
        z.object({ flowToken: z.string().max(200), callbackUrl: webUrl('Geen geldig terugkeeradres.') }),
        args,
        [],
      );
      const outcome = await refusing(() => completeSignIn(ctx.db, input.flowToken, input.callbackUrl, details(ctx)));
      return outcome.kind === 'SIGNED_IN'
        ? {
            session: { token: outcome.token, expiresAt: outcome.expiresAt },
            linkEmail: null,
            providerName: null,
            returnPath: outcome.returnPath,
          }
        : {
            session: null,
            linkEmail: outcome.email,
            providerName: outcome.providerName,
            returnPath: outcome.returnPath,
          };
    },
  }),
);

const PendingLinkRef = builder
  .objectRef<{ email: string; providerName: string; returnPath: string }>('SsoPendingLink')
  .implement({
    fields: (t) => ({
      email: t.exposeString('email'),
      providerName: t.exposeString('providerName'),
      returnPath: t.exposeString('returnPath'),
    }),
  });

builder.queryField('ssoPendingLink', (t) =>
  t.field({
    type: PendingLinkRef,
    nullable: true,
    description: 'The existing account a flow waits to link (for the confirmation page); null when the flow is gone.',
    args: { flowToken: t.arg.string({ required: true, validate: z.string().max(200) }) },
    resolve: (_root, args, ctx) => pendingLink(ctx.db, args.flowToken),
  }),
);

builder.mutationField('linkSsoAccount', (t) =>
  t.field({
    type: SessionRef,
    description:
      'Links the provider’s account to the existing account after its password (and, when the account has a second factor, a code from its authenticator app or a recovery code), and signs in.',
    errors: options('LinkSsoAccount'),
    args: {
      flowToken: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      code: t.arg.string({
        description: 'When the account has a second factor: a code its authenticator app shows now.',
      }),
      recoveryCode: t.arg.string({
        description: 'When the account has a second factor: instead of the code, an unused recovery code.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(
        z.object({
          flowToken: z.string().max(200),
          password: z.string().min(1, 'Vul je wachtwoord in.').max(500),
          code: z.string().trim().max(20).nullish(),
          recoveryCode: z.string().trim().max(40).nullish(),
        }),
        args,
        [],
      );
      const outcome = await refusing(() => confirmLink(ctx.db, input.flowToken, input.password, details(ctx), input));
      return { token: outcome.token, expiresAt: outcome.expiresAt };
    },
  }),
);

const SignOutRef = builder.objectRef<{ providerSignOutUrl: string | null }>('SignOutWithProvider').implement({
  fields: (t) => ({
    providerSignOutUrl: t.exposeString('providerSignOutUrl', {
      nullable: true,
      description:
        'For a session from a provider with an end-session endpoint: send the browser there to sign out at the provider too.',
    }),
  }),
});

builder.mutationField('signOutWithProvider', (t) =>
  t.field({
    type: SignOutRef,
    description:
      'Ends the session, and says where to end the provider’s session too (single sign-out); the provider sends the browser back to the hub’s home page on GRONDPLAN_PUBLIC_URL (else the origin of the request).',
    errors: options('SignOutWithProvider'),
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(z.object({ token: z.string().max(200) }), args, []);
      const home = hubUrl(ctx, '/');
      const url = home ? await providerSignOutUrl(ctx.db, input.token, home) : null;
      await signOut(ctx.db, input.token, ctx.source);
      return { providerSignOutUrl: url };
    },
  }),
);
