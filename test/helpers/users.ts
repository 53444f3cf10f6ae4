// Test users with memberships and a personal API token (and for instance administrators an authenticator app),
// created straight in the database.

import { createApiToken, hashPassword } from '#core/auth.ts';
import type { Role } from '#core/context.ts';
import type { Database } from '#prisma/client.ts';
import { TEST_TOTP_SECRET } from './totp.ts';

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export async function createUser(
  db: Database,
  email: string,
  memberships: { organisation: string; role: Role }[] = [],
  /** totpSecret: a confirmed authenticator app with this seed; instance administrators always have one (TEST_TOTP_SECRET unless given), pass null for none. */
  options: { instanceAdmin?: boolean; password?: string; totpSecret?: string | null } = {},
): Promise<TestUser> {
  const organisations = await db.prisma.organisation.findMany({
    where: { slug: { in: memberships.map((m) => m.organisation) } },
    select: { id: true, slug: true },
  });
  const idOf = new Map(organisations.map((o) => [o.slug, o.id]));
  const user = await db.prisma.user.create({
    data: {
      email,
      name: email.split('@')[0] ?? email,
      passwordHash: await hashPassword(options.password ?? 'correct horse battery staple'),
      isInstanceAdmin: options.instanceAdmin ?? false,
      memberships: {
        create: memberships.map((m) => ({ organisationId: idOf.get(m.organisation) ?? '', role: m.role })),
      },
    },
  });
  const totpSecret =
    options.totpSecret === undefined ? (options.instanceAdmin ? TEST_TOTP_SECRET : null) : options.totpSecret;
  if (totpSecret)
    await db.prisma.totpFactor.create({ data: { userId: user.id, secret: totpSecret, confirmedAt: new Date() } });
  const { token } = await createApiToken(db, user.id, 'tests');
  return { id: user.id, email, token };
}
