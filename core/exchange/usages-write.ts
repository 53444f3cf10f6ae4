// Writes a planned usages import: added and changed usages, each audited, in the caller's transaction or in one of its own.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Database } from '#prisma/client.ts';
import { type AuditSource, recordAudit, type Tx } from '../audit.ts';
import { addProduct, addSupplier, UNCLASSIFIED_ARCHITECTURE, versionOf } from '../catalogue.ts';
import type { Viewer } from '../context.ts';
import { settleOperator } from '../proposals.ts';
import { applyInOneTransaction } from './apply.ts';
import { normaliseName } from './matching.ts';
import type { ImportPlan } from './usages-csv.ts';

/** Writes a plan's added and changed usages inside the caller's transaction, each audited. */
export async function writeUsages(tx: Tx, plan: ImportPlan, actor: Viewer | { label: string }, source: AuditSource) {
  const work = plan.rows.filter((r) => r.action !== 'UNCHANGED');
  const by = { actor, source, organisationId: plan.organisation.id };
  // Products (and suppliers) the catalogue lacks first, each once, audited; then the versions the file names anew.
  const added = new Map<string, string>();
  const suppliers = new Map<string, string>();
  for (const p of new Set(work.flatMap((r) => (r.newProduct ? [r.newProduct] : [])))) {
    if (added.has(p.key)) continue;
    const supplierKey = normaliseName(p.supplierName);
    const supplierId = p.supplierId ?? suppliers.get(supplierKey) ?? (await addSupplier(tx, p.supplierName, by)).id;
    suppliers.set(supplierKey, supplierId);
    const product = await addProduct(
      tx,
      {
        name: p.name,
        supplierId,
        architecture: UNCLASSIFIED_ARCHITECTURE,
        referenceComponents: p.referenceComponentIds,
      },
      by,
    );
    added.set(p.key, product.id);
  }
  for (const r of work) {
    const productId = r.newProduct ? (added.get(r.newProduct.key) ?? '') : r.data.productId;
    const versionId = r.newVersion ? (await versionOf(tx, productId, r.newVersion, by)).id : r.data.versionId;
    const {
      referenceComponentIds,
      dates,
      operatorId: operatorWanted,
      status,
      ...rest
    } = { ...r.data, productId, versionId };
    // A proposed operator is not written: the usage keeps its operator until the other organisation accepts. Fields the
    // file does not carry are undefined here, which Prisma leaves as they are.
    const fields = {
      ...rest,
      ...(operatorWanted === undefined || r.operatorProposal ? {} : { operatorId: operatorWanted }),
      ...dates,
    };
    const components = (referenceComponentIds ?? []).map((referenceComponentId) => ({ referenceComponentId }));
    if (r.action === 'ADD') {
      if (!status) throw new Error(`Gebruik "${r.key}" heeft geen status.`);
      // A new usage in one statement; its audit record is the fields written, no read-back needed.
      const saved = await tx.usage.create({
        data: {
          ...fields,
          status,
          key: r.key,
          organisationId: plan.organisation.id,
          referenceComponents: { createMany: { data: components } },
        },
        select: { id: true },
      });
      if (r.operatorProposal)
        await settleOperator(
          tx,
          actor,
          source,
          { id: saved.id, organisationId: plan.organisation.id, operatorBefore: null },
          operatorWanted ?? null,
        );
      await recordAudit(tx, {
        actor,
        source,
        organisationId: plan.organisation.id,
        entityType: 'Usage',
        entityId: encodeGlobalID('Usage', saved.id),
        action: 'CREATE',
        before: null,
        after: { key: r.key, ...fields, status, referenceComponents: referenceComponentIds ?? [] },
        revision: 1,
      });
      continue;
    }
    const where = { organisationId_key: { organisationId: plan.organisation.id, key: r.key } };
    const read = () =>
      tx.usage.findUnique({ where, include: { referenceComponents: { select: { referenceComponentId: true } } } });
    const snapshot = (u: Awaited<ReturnType<typeof read>>) =>
      u && {
        ...u,
        referenceComponents: u.referenceComponents.map((c) => c.referenceComponentId).sort(),
        createdAt: undefined,
        updatedAt: undefined,
      };
    const before = await read();
    const saved = await tx.usage.update({
      where,
      data: { ...fields, status, revision: { increment: 1 } },
      select: { id: true, revision: true },
    });
    if (referenceComponentIds) {
      await tx.usageReferenceComponent.deleteMany({ where: { usageId: saved.id } });
      await tx.usageReferenceComponent.createMany({ data: components.map((c) => ({ ...c, usageId: saved.id })) });
    }
    if (operatorWanted !== undefined && before)
      await settleOperator(
        tx,
        actor,
        source,
        { id: saved.id, organisationId: plan.organisation.id, operatorBefore: before.operatorId },
        operatorWanted,
      );
    await recordAudit(tx, {
      actor,
      source,
      organisationId: plan.organisation.id,
      entityType: 'Usage',
      entityId: encodeGlobalID('Usage', saved.id),
      action: 'UPDATE',
      before: snapshot(before),
      after: snapshot(await read()),
      revision: saved.revision,
    });
  }
  const addedUsages = work.filter((r) => r.action === 'ADD').length;
  return { added: addedUsages, changed: work.length - addedUsages };
}

/** Applies a plan without refusals in one transaction: every added or changed usage audited, plus one event for the file. */
export async function applyUsagesImport(
  db: Database,
  plan: ImportPlan,
  actor: Viewer | { label: string },
  fileName: string,
  source: AuditSource = 'IMPORT',
): Promise<{ added: number; changed: number }> {
  if (plan.refused.length) throw new Error('Een plan met geweigerde regels wordt niet toegepast.');
  return applyInOneTransaction(
    db,
    { actor, fileName, organisationId: plan.organisation.id, source },
    async (tx, src) => {
      const counts = await writeUsages(tx, plan, actor, src);
      return {
        result: counts,
        summary: { kind: 'gebruik-csv', ...counts, unchanged: plan.rows.length - counts.added - counts.changed },
      };
    },
  );
}
