// The migrations of the synthetic dataset: legacy products in production move to a Common Ground product, spread over
// the coming years, some in a national programme, each with effort per quarter.
import { type Draw, quartersBetween, type ROLES, SYNTHETIC, stamped } from './dataset-rows.ts';

interface Landscape {
  orgs: { id: string }[];
  municipalities: { id: string }[];
  cooperations: { id: string }[];
  products: { id: string; architecture: 'LEGACY' | 'HYBRID' | 'COMMON_GROUND' }[];
  byOrg: Map<string, { id: string; key: string; status: string; productId: string }[]>;
}

/** Writes programmes, migrations, what they replace, their dependencies and effort; returns how many migrations. */
export async function generateMigrations(draw: Draw, landscape: Landscape): Promise<number> {
  const { insert, rnd, pick, between, day } = draw;
  const { orgs, municipalities, cooperations, products, byOrg } = landscape;
  const programmes = Array.from({ length: 6 }, (_, i) => ({
    id: `${SYNTHETIC}pr-${i}`,
    slug: `syn-programma-${i + 1}`,
    name: `Landelijk programma ${i + 1}`,
    deadline: new Date(Date.UTC(2027 + (i % 3), 11, 31)),
  }));
  await insert('programme', stamped(programmes));
  await insert(
    'programmeOwner',
    programmes.map((p, i) => ({
      programmeId: p.id,
      organisationId: (cooperations[i] ?? municipalities[i] ?? orgs[0])?.id ?? '',
    })),
  );
  const commonGround = products.filter((p) => p.architecture === 'COMMON_GROUND');
  const migrations: {
    id: string;
    key: string;
    organisationId: string;
    programmeId: string | null;
    targetProductId: string;
    wave: number;
    status: 'NOT_STARTED' | 'MIGRATING' | 'DONE';
    plannedStart: Date;
    plannedEnd: Date;
    parallelRunStart: Date | null;
    parallelRunEnd: Date | null;
  }[] = [];
  const replaces: { migrationId: string; usageId: string }[] = [];
  const dependencies: { migrationId: string; dependsOnId: string }[] = [];
  const efforts: { migrationId: string; role: (typeof ROLES)[number]; quarter: string; fte: number }[] = [];
  let m = 0;
  for (const org of municipalities) {
    const legacy = (byOrg.get(org.id) ?? []).filter(
      (x) => x.status === 'IN_PRODUCTION' && products[Number(x.productId.split('-').pop())]?.architecture === 'LEGACY',
    );
    const ownMigrations: string[] = [];
    for (const old of legacy.slice(0, 58)) {
      const start = between(-300, 1000);
      const length = between(90, 365);
      const plannedStart = day(start);
      const plannedEnd = day(start + length);
      const id = `${SYNTHETIC}m-${m++}`;
      migrations.push({
        id,
        key: `naar-${old.key}`,
        organisationId: org.id,
        programmeId: rnd() < 0.4 ? pick(programmes).id : null,
        targetProductId: pick(commonGround.length ? commonGround : products).id,
        wave: between(1, 4),
        status: start + length < 0 ? 'DONE' : start < 0 ? 'MIGRATING' : 'NOT_STARTED',
        plannedStart,
        plannedEnd,
        parallelRunStart: rnd() < 0.5 ? day(start + length - 60) : null,
        parallelRunEnd: null,
      });
      const last = migrations[migrations.length - 1];
      if (last?.parallelRunStart) last.parallelRunEnd = plannedEnd;
      replaces.push({ migrationId: id, usageId: old.id });
      const previous = ownMigrations[ownMigrations.length - 1];
      if (previous && rnd() < 0.1) dependencies.push({ migrationId: id, dependsOnId: previous });
      ownMigrations.push(id);
      for (const quarter of quartersBetween(plannedStart, plannedEnd))
        for (const role of ['FUNCTIONAL_MANAGEMENT', 'APPLICATION_MANAGEMENT'] as const)
          efforts.push({ migrationId: id, role, quarter, fte: Math.round(rnd() * 50) / 100 });
    }
  }
  await insert('migration', stamped(migrations));
  await insert('migrationReplaces', replaces);
  await insert('migrationDependency', dependencies);
  await insert('migrationEffort', efforts);
  return migrations.length;
}
