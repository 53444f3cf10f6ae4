import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed, seedIfEmpty } from '#prisma/seed/seed.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: false });
});
afterAll(() => t?.drop());

async function snapshot() {
  const p = t.db.prisma;
  return {
    organisations: await p.organisation.count(),
    memberships: await p.membership.count(),
    products: await p.product.count(),
    productComponents: await p.productReferenceComponent.count(),
    usages: await p.usage.count(),
    usageComponents: await p.usageReferenceComponent.count(),
    loads: await p.usageBeheerLoad.count(),
    interfaces: await p.interface.count(),
    interfaceStandards: await p.interfaceStandard.count(),
    componentStandards: await p.referenceComponentStandard.count(),
    flows: await p.referenceComponentFlow.count(),
    bio2: await p.bio2Measure.count(),
  };
}

describe('seed', () => {
  it('fills an empty database on first start and is idempotent afterwards', async () => {
    const report = await seedIfEmpty(t.db.prisma);
    expect(report?.referenceComponents).toBe(171);
    expect(report?.bio2Measures).toBe(166);
    const first = await snapshot();
    expect(first.usages).toBe(report?.usages);
    expect(await seedIfEmpty(t.db.prisma)).toBeNull();
    await seed(t.db.prisma);
    expect(await snapshot()).toEqual(first);
  });

  it('restores curated values on a re-run and keeps ids stable', async () => {
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'coevorden' } },
      include: { referenceComponents: true },
    });
    await t.db.prisma.usage.update({
      where: { id: usage.id },
      data: { status: 'RETIRED', referenceComponents: { deleteMany: {} } },
    });
    await seed(t.db.prisma);
    const after = await t.db.prisma.usage.findUniqueOrThrow({
      where: { id: usage.id },
      include: { referenceComponents: true },
    });
    expect(after.status).toBe(usage.status);
    expect(after.referenceComponents.map((c) => c.referenceComponentId).sort()).toEqual(
      usage.referenceComponents.map((c) => c.referenceComponentId).sort(),
    );
  });
});
