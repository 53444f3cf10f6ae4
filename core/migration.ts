// A live migration changed: its fields checked and its references resolved (every problem at once), its links and
// capacity written, loaded for a change at the revision the editor saw, and snapshotted for the audit trail. The
// migration mutations and applying a scenario both write through these.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { requireEditor, requireViewer } from './access.ts';
import { recordAudit, type Tx } from './audit.ts';
import { type BeheerRole as BeheerRoleName, type PlanMigration, ROLES } from './capacity.ts';
import { migrationCharges } from './charges.ts';
import { type Context, hasRole } from './context.ts';
import { findCycle } from './cycles.ts';
import { date, fte, slug, text } from './input.ts';
import { loadAtRevision } from './revisioned-write.ts';

export const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'Schrijf een kwartaal als 2027-Q1.');
export const effortRows = z
  .array(z.object({ role: z.enum(ROLES as [BeheerRoleName, ...BeheerRoleName[]]), quarter, fte }))
  .max(200, 'Hooguit 200 regels.')
  .refine(
    (rows) => new Set(rows.map((r) => `${r.role}|${r.quarter}`)).size === rows.length,
    'Elke rol staat per kwartaal maar één keer.',
  );

/**
 * The rule of each field of a migration as a change gives it, declared once: the GraphQL inputs attach these (the
 * validation plugin, which passes null and absent values by), and resolveReferences takes what they let through.
 */
export const migrationField = {
  organisation: slug,
  key: slug,
  programme: slug.nullish(),
  targetProduct: slug,
  targetUsage: z.string().max(200).nullish(),
  replaces: z.array(z.string().max(200)).max(20).nullish(),
  dependsOn: z.array(z.string().max(200)).max(50).nullish(),
  wave: z.number().int().min(1, 'Golf 1 of hoger.').max(99, 'Hooguit golf 99.').nullish(),
  date,
  description: text(2000).nullish(),
};

/** A migration's fields as a change gives them; absent ones stay as they are (the inputs refuse null where a field is required). */
export interface MigrationFields {
  programme?: string | null;
  targetProduct?: string | null;
  targetUsage?: string | null;
  replaces?: string[] | null;
  dependsOn?: string[] | null;
  wave?: number | null;
  status?: PlanMigration['status'] | null;
  plannedStart?: Date | null;
  plannedEnd?: Date | null;
  actualStart?: Date | null;
  actualEnd?: Date | null;
  parallelRunStart?: Date | null;
  parallelRunEnd?: Date | null;
  description?: string | null;
}

export function localId(globalId: string, typename: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename ? decoded.id : null;
  } catch {
    return null;
  }
}

/** The dates of a plan in order: start before end, the parallel run whole and within the migration. */
export function dateProblems(m: {
  plannedStart: Date;
  plannedEnd: Date;
  parallelRunStart: Date | null;
  parallelRunEnd: Date | null;
  actualStart?: Date | null;
  actualEnd?: Date | null;
}) {
  const problems: { path: string[]; message: string }[] = [];
  if (m.plannedEnd < m.plannedStart)
    problems.push({ path: ['input', 'plannedEnd'], message: 'Het geplande einde ligt voor het geplande begin.' });
  if (m.actualStart && m.actualEnd && m.actualEnd < m.actualStart)
    problems.push({ path: ['input', 'actualEnd'], message: 'Het werkelijke einde ligt voor het begin.' });
  if ((m.parallelRunStart === null) !== (m.parallelRunEnd === null))
    problems.push({
      path: ['input', 'parallelRunEnd'],
      message: 'Geef van de parallelle periode zowel begin als einde, of geen van beide.',
    });
  else if (m.parallelRunStart && m.parallelRunEnd && m.parallelRunEnd < m.parallelRunStart)
    problems.push({ path: ['input', 'parallelRunEnd'], message: 'De parallelle periode eindigt voor hij begint.' });
  else if (m.parallelRunStart && m.parallelRunStart < m.plannedStart)
    problems.push({ path: ['input', 'parallelRunStart'], message: 'De parallelle periode begint voor de migratie.' });
  return problems;
}

/** A migration as the audit trail records it: its columns, the usages it replaces, its dependencies and effort. */
export async function migrationSnapshot(tx: Tx, id: string) {
  const row = await tx.migration.findUnique({
    where: { id },
    include: {
      replaces: { select: { usageId: true } },
      dependsOn: { select: { dependsOnId: true } },
      efforts: { select: { role: true, quarter: true, fte: true }, orderBy: [{ quarter: 'asc' }, { role: 'asc' }] },
    },
  });
  if (!row) return null;
  const { replaces, dependsOn, efforts, ...rest } = row;
  return {
    ...rest,
    replaces: replaces.map((r) => r.usageId).sort(),
    dependsOn: dependsOn.map((d) => d.dependsOnId).sort(),
    efforts: efforts.map((e) => `${e.quarter} ${e.role} ${e.fte}`),
  };
}

/** Resolves references in the input; every problem is reported at once, and nothing is written when there is one. */
export async function resolveReferences(
  tx: Tx,
  organisationId: string,
  migrationId: string | null,
  input: MigrationFields,
) {
  const problems: { path: string[]; message: string }[] = [];
  // A required field given as null (the inputs let null through, as absent) is refused like an empty one.
  for (const key of ['targetProduct', 'plannedStart', 'plannedEnd'] as const)
    if (input[key] === null) problems.push({ path: ['input', key], message: 'Vul dit veld in.' });
  const data: Record<string, unknown> = {};
  if (input.programme !== undefined) {
    const programme = input.programme
      ? await tx.programme.findUnique({ where: { slug: input.programme }, select: { id: true } })
      : null;
    if (input.programme && !programme)
      problems.push({ path: ['input', 'programme'], message: `Programma "${input.programme}" bestaat niet.` });
    data.programmeId = programme?.id ?? null;
  }
  if (input.targetProduct != null) {
    const product = await tx.product.findUnique({ where: { slug: input.targetProduct }, select: { id: true } });
    if (!product)
      problems.push({ path: ['input', 'targetProduct'], message: `Pakket "${input.targetProduct}" bestaat niet.` });
    else data.targetProductId = product.id;
  }
  const ownUsage = async (globalId: string, path: string[]) => {
    const id = localId(globalId, 'Usage');
    const usage = id ? await tx.usage.findUnique({ where: { id }, select: { id: true, organisationId: true } }) : null;
    if (!usage) problems.push({ path, message: 'Dit gebruik bestaat niet.' });
    else if (usage.organisationId !== organisationId)
      problems.push({ path, message: 'Dit gebruik hoort bij een andere organisatie.' });
    return usage?.id ?? null;
  };
  if (input.targetUsage !== undefined)
    data.targetUsageId = input.targetUsage ? await ownUsage(input.targetUsage, ['input', 'targetUsage']) : null;
  let replaces: string[] | undefined;
  if (input.replaces) {
    replaces = [];
    for (const [i, g] of input.replaces.entries()) {
      const id = await ownUsage(g, ['input', 'replaces', String(i)]);
      if (id) replaces.push(id);
    }
  }
  let dependsOn: string[] | undefined;
  if (input.dependsOn) {
    dependsOn = [];
    for (const [i, g] of input.dependsOn.entries()) {
      const id = localId(g, 'Migration');
      const exists = id ? await tx.migration.findUnique({ where: { id }, select: { id: true } }) : null;
      if (!exists) problems.push({ path: ['input', 'dependsOn', String(i)], message: 'Deze migratie bestaat niet.' });
      else if (exists.id === migrationId)
        problems.push({
          path: ['input', 'dependsOn', String(i)],
          message: 'Een migratie kan niet van zichzelf afhangen.',
        });
      else dependsOn.push(exists.id);
    }
    if (!problems.length && migrationId) {
      const others = await tx.migrationDependency.findMany({
        where: { migrationId: { not: migrationId } },
        select: { migrationId: true, dependsOnId: true },
      });
      const edges = [
        ...others.map((d) => ({ from: d.migrationId, to: d.dependsOnId })),
        ...dependsOn.map((to) => ({ from: migrationId, to })),
      ];
      const found = findCycle(edges);
      // Told from the migration being edited: that is where the user closed the circle.
      const at = found?.indexOf(migrationId) ?? -1;
      const cycle = found && at > 0 ? [...found.slice(at, -1), ...found.slice(0, at), migrationId] : found;
      if (cycle) {
        // Each migration by the names people know (target product and organisation), not by its key.
        const rows = await tx.migration.findMany({
          where: { id: { in: cycle } },
          select: { id: true, targetProduct: { select: { name: true } }, organisation: { select: { name: true } } },
        });
        const names = new Map(rows.map((m) => [m.id, `${m.targetProduct.name} (${m.organisation.name})`]));
        problems.push({
          path: ['input', 'dependsOn'],
          message: `Dit maakt een kring van afhankelijkheden: ${cycle.map((id) => names.get(id) ?? 'onbekende migratie').join(' → ')}.`,
        });
      }
    }
  }
  for (const key of [
    'wave',
    'status',
    'plannedStart',
    'plannedEnd',
    'actualStart',
    'actualEnd',
    'parallelRunStart',
    'parallelRunEnd',
    'description',
  ] as const) {
    if (input[key] !== undefined) data[key] = input[key];
  }
  return { data, replaces, dependsOn, problems };
}

/** Replaces the usages a migration replaces and the migrations it depends on, when given. */
export async function writeLinks(
  tx: Tx,
  migrationId: string,
  replaces: string[] | undefined,
  dependsOn: string[] | undefined,
) {
  if (replaces) {
    await tx.migrationReplaces.deleteMany({ where: { migrationId } });
    await tx.migrationReplaces.createMany({ data: replaces.map((usageId) => ({ migrationId, usageId })) });
  }
  if (dependsOn) {
    await tx.migrationDependency.deleteMany({ where: { migrationId } });
    await tx.migrationDependency.createMany({ data: dependsOn.map((dependsOnId) => ({ migrationId, dependsOnId })) });
  }
}

/** What an operator's consent is about when a change moves its technisch beheer effort. */
export const EFFORT = 'De inzet voor technisch beheer van deze migratie';

/**
 * Loads a migration (its audit snapshot) for a change at the revision the editor saw, by an editor of its organisation;
 * with 'CHARGED' also by an editor of an organisation it charges (the operator of the usage it replaces), whose charges
 * are returned for the check after.
 */
export async function loadMigrationForChange(
  tx: Tx,
  ctx: Context,
  id: string,
  expected: number,
  editors: 'OWNER' | 'CHARGED' = 'OWNER',
) {
  const charges = editors === 'CHARGED' ? await migrationCharges(tx, id) : null;
  const before = await loadAtRevision(
    tx,
    { type: 'Migration', id },
    expected,
    (found) => migrationSnapshot(tx, found),
    (found) => {
      const viewer = requireViewer(ctx);
      if (
        !charges ||
        ![...charges.keys()].some((org) => org !== found.organisationId && hasRole(viewer, org, 'EDITOR'))
      )
        requireEditor(ctx, found.organisationId);
    },
    ctx.viewer,
  );
  return { id, before, charges };
}

/** Writes capacity figures of one organisation and audits them as one change; 0 removes a figure. */
export async function writeCapacity(
  tx: Tx,
  ctx: Context,
  organisationId: string,
  rows: { role: BeheerRoleName; quarter: string; fte: number }[],
  action: 'UPDATE' | 'APPLY' = 'UPDATE',
) {
  const viewer = requireEditor(ctx, organisationId);
  const where = { organisationId, OR: rows.map((r) => ({ role: r.role, quarter: r.quarter })) };
  const current = rows.length
    ? await tx.capacity.findMany({ where, select: { role: true, quarter: true, fte: true } })
    : [];
  const label = (r: { role: string; quarter: string }) => `${r.quarter} ${r.role}`;
  const before = Object.fromEntries(current.map((c) => [label(c), c.fte]));
  for (const r of rows) {
    if (r.fte === 0) await tx.capacity.deleteMany({ where: { organisationId, role: r.role, quarter: r.quarter } });
    else
      await tx.capacity.upsert({
        where: { organisationId_role_quarter: { organisationId, role: r.role, quarter: r.quarter } },
        create: { organisationId, ...r },
        update: { fte: r.fte },
      });
  }
  const after = Object.fromEntries(rows.filter((r) => r.fte > 0).map((r) => [label(r), r.fte]));
  await recordAudit(tx, {
    actor: viewer,
    source: ctx.source,
    organisationId,
    entityType: 'Capacity',
    entityId: organisationId,
    action,
    before,
    after,
  });
}
