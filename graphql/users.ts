// Account administration for operators (command line, first start): users, memberships, tokens; every change audited.
import { randomBytes } from 'node:crypto';
import type { Database } from '../prisma/client.ts';
import { recordAudit } from './audit.ts';
import { createApiToken, hashPassword, normaliseEmail } from './auth.ts';
import type { Role } from './context.ts';

export const MIN_PASSWORD_LENGTH = 12;

export async function addUser(
  db: Database,
  input: { email: string; name?: string; password: string; organisation?: string; role?: Role; instanceAdmin?: boolean },
): Promise<{ id: string; created: boolean }> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`"${input.email}" is geen geldig e-mailadres.`);
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`Het wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben.`);
  if (input.organisation && !input.role) throw new Error('Geef met --role de rol in de organisatie op (VIEWER, EDITOR of ADMIN).');
  const passwordHash = await hashPassword(input.password);
  return db.prisma.$transaction(async (tx) => {
    const organisation = input.organisation ? await tx.organisation.findUnique({ where: { slug: input.organisation }, select: { id: true } }) : null;
    if (input.organisation && !organisation) throw new Error(`Organisatie "${input.organisation}" bestaat niet.`);
    const existing = await tx.user.findUnique({ where: { email } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { passwordHash, isInstanceAdmin: existing.isInstanceAdmin || Boolean(input.instanceAdmin) } })
      : await tx.user.create({
          data: { email, name: input.name ?? email.split('@')[0] ?? email, passwordHash, isInstanceAdmin: Boolean(input.instanceAdmin) },
        });
    if (organisation && input.role) {
      await tx.userMembership.upsert({
        where: { userId_organisationId: { userId: user.id, organisationId: organisation.id } },
        create: { userId: user.id, organisationId: organisation.id, role: input.role },
        update: { role: input.role },
      });
    }
    const after = {
      email,
      isInstanceAdmin: user.isInstanceAdmin,
      membership: organisation ? { organisation: input.organisation, role: input.role } : null,
      passwordChanged: true,
    };
    await recordAudit(tx, {
      actor: { label: 'cli' },
      source: 'CLI',
      organisationId: organisation?.id ?? null,
      entityType: 'User',
      entityId: user.id,
      action: existing ? 'UPDATE' : 'CREATE',
      before: existing ? { email, isInstanceAdmin: existing.isInstanceAdmin } : null,
      after,
    });
    return { id: user.id, created: !existing };
  });
}

export async function issueToken(db: Database, email: string, name = 'command line'): Promise<string> {
  const user = await db.prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true } });
  if (!user) throw new Error(`Er is geen gebruiker met e-mailadres ${email}.`);
  const { token } = await createApiToken(db, user.id, name);
  return token;
}

/** On the first start of an empty database: one instance administrator with a one-time password, returned once. */
export async function ensureFirstAdmin(
  db: Database,
  email = process.env.GRONDPLAN_ADMIN_EMAIL ?? 'beheer@grondplan.local',
): Promise<{ email: string; password: string } | null> {
  if ((await db.prisma.user.count()) > 0) return null;
  const password = randomBytes(18).toString('base64url');
  await addUser(db, { email, name: 'Beheerder', password, instanceAdmin: true });
  return { email, password };
}
