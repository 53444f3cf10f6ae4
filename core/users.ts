// Account administration for operators (command line, first start): users, memberships, tokens; every change audited.
// Passwords set here are one-time passwords: their user changes them at first sign-in. The password of an existing
// account is never changed unless asked (resetPassword), and a reset ends that user's sessions and API tokens.
import { randomBytes } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Database } from '#prisma/client.ts';
import { type AuditInput, recordAudit, type Tx } from './audit.ts';
import { endAccess, hashPassword, insertApiToken, normaliseEmail, TOKEN_DAYS, type TokenScope } from './auth.ts';
import { setting } from './config.ts';
import type { Role } from './context.ts';
import { NotFoundError } from './errors.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords.ts';

export { MIN_PASSWORD_LENGTH };

const cli = { label: 'cli' };
const userGid = (id: string) => Buffer.from(`User:${id}`).toString('base64');

class ExistingAccountError extends Error {
  constructor(email: string) {
    super(
      `Er bestaat al een account voor ${email}. Het wachtwoord blijft ongewijzigd; geef --reset-password om het te vervangen door een eenmalig wachtwoord (dat beëindigt de sessies en API-tokens van deze gebruiker).`,
    );
  }
}

export async function addUser(
  db: Database,
  input: {
    email: string;
    name?: string;
    password?: string;
    organisation?: string;
    role?: Role;
    instanceAdmin?: boolean;
    resetPassword?: boolean;
    /** False only for accounts of no person (the benchmarks): their password need not be changed at first sign-in. */
    oneTimePassword?: boolean;
  },
): Promise<{ id: string; created: boolean; passwordReset: boolean }> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`"${input.email}" is geen geldig e-mailadres.`);
  if (input.organisation && !input.role)
    throw new Error('Geef met --role de rol in de organisatie op (VIEWER, EDITOR of ADMIN).');
  const found = await db.prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (found && input.password !== undefined && !input.resetPassword) throw new ExistingAccountError(email);
  if ((!found || input.resetPassword) && input.password === undefined)
    throw new Error('Geef een wachtwoord (via stdin).');
  if (input.password !== undefined) {
    const problem = await passwordProblem(input.password, { email, name: input.name ?? null });
    if (problem) throw new Error(problem);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return db.prisma.$transaction(async (tx) => {
    const organisation = input.organisation
      ? await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } })
      : null;
    if (input.organisation && !organisation) throw new Error(`Organisatie "${input.organisation}" bestaat niet.`);
    const existing = await tx.user.findUnique({ where: { email } });
    const reset = Boolean(existing && passwordHash);
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: {
            isInstanceAdmin: existing.isInstanceAdmin || Boolean(input.instanceAdmin),
            ...(passwordHash
              ? { passwordHash, mustChangePassword: input.oneTimePassword ?? true, secondStepFailures: 0 }
              : {}),
          },
        })
      : await tx.user.create({
          data: {
            email,
            name: input.name ?? email.split('@')[0] ?? email,
            passwordHash: passwordHash ?? '',
            isInstanceAdmin: Boolean(input.instanceAdmin),
            mustChangePassword: input.oneTimePassword ?? true,
          },
        });
    // A reset takes the account back, and a promotion to instance administrator needs a second factor at every
    // sign-in: either way the account's current access ends, and so do its links to providers (a provider's session
    // carries no second factor, and a link made with the old password must not outlast the reset).
    const promoted = Boolean(existing && !existing.isInstanceAdmin && input.instanceAdmin);
    const ended = reset || promoted ? await endAccess(tx, user.id) : null;
    const unlinked = reset || promoted ? (await tx.userIdentity.deleteMany({ where: { userId: user.id } })).count : 0;
    if (organisation && input.role) {
      await tx.userMembership.upsert({
        where: { userId_organisationId: { userId: user.id, organisationId: organisation.id } },
        create: { userId: user.id, organisationId: organisation.id, role: input.role, isNew: Boolean(existing) },
        update: { role: input.role },
      });
    }
    await recordAudit(tx, {
      actor: cli,
      source: 'CLI',
      organisationId: organisation?.id ?? null,
      entityType: 'User',
      entityId: userGid(user.id),
      action: existing ? 'UPDATE' : 'CREATE',
      before: existing ? { email, isInstanceAdmin: existing.isInstanceAdmin } : null,
      after: {
        email,
        isInstanceAdmin: user.isInstanceAdmin,
        membership: organisation ? { organisation: input.organisation, role: input.role } : null,
        oneTimePasswordSet: Boolean(passwordHash),
        ...(promoted
          ? { sessionsEnded: ended?.sessions ?? 0, tokensRevoked: ended?.tokens ?? 0, providerLinksRemoved: unlinked }
          : {}),
      },
    });
    if (reset)
      await recordAudit(tx, {
        actor: cli,
        source: 'CLI',
        organisationId: null,
        entityType: 'User',
        entityId: userGid(user.id),
        action: 'RESET_PASSWORD',
        before: { email },
        after: {
          email,
          oneTimePassword: true,
          sessionsEnded: ended?.sessions ?? 0,
          tokensRevoked: ended?.tokens ?? 0,
          providerLinksRemoved: unlinked,
        },
      });
    return { id: user.id, created: !existing, passwordReset: reset };
  });
}

export async function issueToken(
  db: Database,
  email: string,
  options: { name?: string; scope?: TokenScope; days?: number } = {},
): Promise<string> {
  const days = options.days ?? TOKEN_DAYS.default;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_DAYS.max)
    throw new Error(`Een token is 1 tot ${TOKEN_DAYS.max} dagen geldig.`);
  return db.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: normaliseEmail(email) },
      select: { id: true, email: true, disabledAt: true },
    });
    if (!user) throw new Error(`Er is geen gebruiker met e-mailadres ${email}.`);
    if (user.disabledAt) throw new Error(`Het account ${email} is geblokkeerd; deblokkeer het eerst.`);
    // Read-only unless asked, as through the API: a token that may write is chosen explicitly (--scope READ_WRITE).
    const created = await insertApiToken(tx, user.id, options.name ?? 'command line', {
      scope: options.scope ?? 'READ',
      days,
    });
    await recordAudit(tx, {
      actor: cli,
      source: 'CLI',
      organisationId: null,
      entityType: 'ApiToken',
      entityId: Buffer.from(`ApiToken:${created.id}`).toString('base64'),
      action: 'CREATE',
      before: null,
      after: {
        user: user.email,
        name: options.name ?? 'command line',
        scope: created.scope,
        expiresAt: created.expiresAt,
      },
    });
    return created.token;
  });
}

/** Disables (or enables) an account from the command line; disabling ends its sessions and API tokens. */
export async function setDisabled(db: Database, email: string, disabled: boolean): Promise<void> {
  await db.prisma.$transaction((tx) => setAccountDisabled(tx, email, disabled, cli, 'CLI'));
}

/** On the first start of an empty database: one instance administrator with a one-time password, returned once. */
export async function ensureFirstAdmin(
  db: Database,
  email = setting('GRONDPLAN_ADMIN_EMAIL'),
): Promise<{ email: string; password: string } | null> {
  if ((await db.prisma.user.count()) > 0) return null;
  const password = randomBytes(18).toString('base64url');
  await addUser(db, { email, name: 'Beheerder', password, instanceAdmin: true });
  return { email, password };
}

export async function setAccountDisabled(
  tx: Tx,
  email: string,
  disabled: boolean,
  actor: AuditInput['actor'],
  source: AuditInput['source'],
) {
  const user = await tx.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, email: true, disabledAt: true },
  });
  if (!user) throw new NotFoundError('Gebruiker', email);
  if (Boolean(user.disabledAt) === disabled) return user;
  await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
  const ended = disabled ? await endAccess(tx, user.id) : null;
  // Links to providers go too: an account enabled again is linked anew, with its password.
  const unlinked = disabled ? (await tx.userIdentity.deleteMany({ where: { userId: user.id } })).count : 0;
  await recordAudit(tx, {
    actor,
    source,
    organisationId: null,
    entityType: 'User',
    entityId: encodeGlobalID('User', user.id),
    action: disabled ? 'DISABLE' : 'ENABLE',
    before: { email: user.email, disabled: !disabled },
    after: {
      email: user.email,
      disabled,
      ...(ended ? { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens, providersUnlinked: unlinked } : {}),
    },
  });
  return user;
}
