// A new scenario of an organisation: the live plan's migration dates, effort and capacity copied in one transaction,
// audited on the organisation's trail. The changes to an open scenario are in core/scenario-changes.ts.
import { editorOf } from './access.ts';
import type { Tx } from './audit.ts';
import type { Context } from './context.ts';
import { ValidationError } from './errors.ts';
import { auditChange } from './revisioned-write.ts';

/** Copies the live plan (migration dates, effort, capacity) into a new scenario of `input.organisation`; its id. */
export async function createScenario(
  tx: Tx,
  ctx: Context,
  input: { organisation: string; name: string; description?: string | null; programme?: string | null },
): Promise<string> {
  const { organisation: org, viewer } = await editorOf(tx, ctx, input.organisation);
  const programme = input.programme
    ? await tx.programme.findUnique({ where: { slug: input.programme }, select: { id: true } })
    : null;
  if (input.programme && !programme)
    throw new ValidationError([
      { path: ['input', 'programme'], message: `Programma "${input.programme}" bestaat niet.` },
    ]);
  const migrations = await tx.migration.findMany({
    where: { status: { not: 'CANCELLED' }, ...(programme ? { programmeId: programme.id } : {}) },
    select: {
      id: true,
      organisationId: true,
      revision: true,
      wave: true,
      plannedStart: true,
      plannedEnd: true,
      parallelRunStart: true,
      parallelRunEnd: true,
      efforts: { select: { role: true, quarter: true, fte: true } },
      replaces: { select: { usage: { select: { operatorId: true } } } },
    },
  });
  // Capacity of every organisation the copied migrations charge: their own, and the operators of what they replace.
  const organisationIds = [
    ...new Set(migrations.flatMap((m) => [m.organisationId, ...m.replaces.flatMap((r) => r.usage.operatorId ?? [])])),
  ];
  const capacity = await tx.capacity.findMany({
    where: { organisationId: { in: organisationIds } },
    select: { organisationId: true, role: true, quarter: true, fte: true },
  });
  const created = await tx.scenario.create({
    data: {
      name: input.name,
      description: input.description ?? null,
      organisationId: org.id,
      createdById: viewer.userId,
    },
    select: { id: true },
  });
  await tx.scenarioMigration.createMany({
    data: migrations.map((m) => ({
      scenarioId: created.id,
      migrationId: m.id,
      baseRevision: m.revision,
      wave: m.wave,
      plannedStart: m.plannedStart,
      plannedEnd: m.plannedEnd,
      parallelRunStart: m.parallelRunStart,
      parallelRunEnd: m.parallelRunEnd,
    })),
  });
  await tx.scenarioEffort.createMany({
    data: migrations.flatMap((m) => m.efforts.map((e) => ({ scenarioId: created.id, migrationId: m.id, ...e }))),
  });
  await tx.scenarioCapacity.createMany({ data: capacity.map((c) => ({ scenarioId: created.id, ...c })) });
  const copied = { name: input.name, migrations: migrations.length, capacityFigures: capacity.length, revision: 1 };
  await auditChange(
    tx,
    { actor: viewer, source: ctx.source, organisationId: org.id },
    { type: 'Scenario', id: created.id },
    'CREATE',
    null,
    copied,
  );
  return created.id;
}
