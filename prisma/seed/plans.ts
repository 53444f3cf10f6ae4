// Seeds the curated plans: programmes, migrations and available capacity (and the helpers the seed shares for dates and references).
import type { Tx } from '../transaction.ts';
import type { Content } from './load.ts';

/** A content date ("2026-03-01") as midnight UTC; null when absent. */
export const day = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00.000Z`) : null);

/** The id a content reference names; loadContent checked every reference already. */
export const need = <T>(map: Map<string, T>, key: string): T => {
  const value = map.get(key);
  if (value === undefined) throw new Error(`unknown reference "${key}"`);
  return value;
};

/** Programmes, migrations (matched on organisation and key) and available capacity (replaced per organisation). */
export async function seedPlans(
  tx: Tx,
  content: Content,
  orgId: Map<string, string>,
  productId: Map<string, string>,
  usageIdByOrgKey: Map<string, string>,
) {
  const programmeId = new Map<string, string>();
  for (const p of content.programmes) {
    const data = { name: p.name, description: p.description ?? null, deadline: day(p.deadline) as Date };
    const { id } = await tx.programme.upsert({
      where: { slug: p.slug },
      create: { slug: p.slug, ...data },
      update: data,
      select: { id: true },
    });
    programmeId.set(p.slug, id);
    await tx.programmeOwner.deleteMany({ where: { programmeId: id } });
    await tx.programmeOwner.createMany({
      data: p.owners.map((o) => ({ programmeId: id, organisationId: need(orgId, o) })),
    });
  }
  let migrations = 0;
  let capacityRows = 0;
  for (const plan of content.plans) {
    const organisationId = need(orgId, plan.organisation);
    const usage = (key: string) => need(usageIdByOrgKey, `${plan.organisation}/${key}`);
    const migrationId = new Map<string, string>();
    for (const m of plan.migrations) {
      const data = {
        organisationId,
        programmeId: m.programme ? need(programmeId, m.programme) : null,
        targetProductId: need(productId, m.target),
        targetUsageId: m.targetUsage ? usage(m.targetUsage) : null,
        wave: m.wave,
        status: m.status,
        plannedStart: day(m.planned.start) as Date,
        plannedEnd: day(m.planned.end) as Date,
        actualStart: day(m.actual.start),
        actualEnd: day(m.actual.end),
        parallelRunStart: day(m.parallelRun?.start),
        parallelRunEnd: day(m.parallelRun?.end),
        description: m.description ?? null,
      };
      const { id } = await tx.migration.upsert({
        where: { organisationId_key: { organisationId, key: m.key } },
        create: { key: m.key, ...data },
        update: data,
        select: { id: true },
      });
      migrationId.set(m.key, id);
      await tx.migrationReplaces.deleteMany({ where: { migrationId: id } });
      if (m.replaces.length)
        await tx.migrationReplaces.createMany({
          data: m.replaces.map((k) => ({ migrationId: id, usageId: usage(k) })),
        });
      await tx.migrationEffort.deleteMany({ where: { migrationId: id } });
      const efforts = Object.entries(m.effort).flatMap(([role, perQuarter]) =>
        Object.entries(perQuarter ?? {}).map(([quarter, fte]) => ({
          migrationId: id,
          role: role as keyof typeof m.effort,
          quarter,
          fte,
        })),
      );
      if (efforts.length) await tx.migrationEffort.createMany({ data: efforts });
      migrations++;
    }
    for (const m of plan.migrations) {
      const id = need(migrationId, m.key);
      await tx.migrationDependency.deleteMany({ where: { migrationId: id } });
      if (m.dependsOn.length)
        await tx.migrationDependency.createMany({
          data: m.dependsOn.map((k) => ({ migrationId: id, dependsOnId: need(migrationId, k) })),
        });
    }
    await tx.capacity.deleteMany({ where: { organisationId } });
    const rows = plan.capacity.flatMap((c) =>
      quarterRange(c.from, c.to).map((quarter) => ({
        organisationId,
        role: c.role,
        quarter,
        fte: c.except[quarter] ?? c.fte,
      })),
    );
    if (rows.length) await tx.capacity.createMany({ data: rows });
    capacityRows += rows.length;
  }
  return { migrations, capacityRows };
}

/** "2026-Q3" to "2027-Q2" gives the four quarters from the one to the other. */
function quarterRange(from: string, to: string): string[] {
  const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const result: string[] = [];
  for (let i = index(from); i <= index(to); i++) result.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return result;
}
