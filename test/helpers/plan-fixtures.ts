// Builders for plan rows in unit tests: a usage or migration with every field at a plain default, overridden per case.
import type { PlanMigration, PlanUsage } from '#core/capacity.ts';

/** A calendar day as the plan stores it: UTC midnight. */
export const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A usage of organisation A in production since 2015, run by A itself, with no beheer load unless given. */
export const usage = (id: string, over: Partial<PlanUsage> = {}): PlanUsage => ({
  id,
  organisationId: 'A',
  operatorId: null,
  status: 'IN_PRODUCTION',
  inProductionSince: d('2015-01-01'),
  retiredSince: null,
  load: [],
  ...over,
});

/** A migration of organisation A planned over 2027's first half, replacing nothing, without parallel run or effort. */
export const migration = (id: string, over: Partial<PlanMigration> = {}): PlanMigration => ({
  id,
  organisationId: 'A',
  status: 'PREPARING',
  plannedStart: d('2027-01-01'),
  plannedEnd: d('2027-06-30'),
  actualStart: null,
  actualEnd: null,
  parallelRunStart: null,
  parallelRunEnd: null,
  replacedUsageIds: [],
  targetUsageId: null,
  efforts: [],
  ...over,
});

/** A migration as the checks read it: with its programme's deadline and the migrations it depends on. */
export const checked = (
  id: string,
  over: Partial<PlanMigration & { deadline: Date | null; dependsOn: string[] }> = {},
) => ({
  deadline: null,
  dependsOn: [],
  ...migration(id, over),
  ...over,
});
