// Seeds the registers of processing activities (content/registers): matched on organisation and activity name, their
// fields, BIO2 measures and supporting usages replaced, so a re-run changes nothing.
import { storedList } from '#core/processing.ts';
import type { Tx } from '../transaction.ts';
import { need } from './plans.ts';
import type { RegisterContent } from './schemas.ts';

export async function seedRegisters(
  tx: Tx,
  registers: RegisterContent[],
  orgId: Map<string, string>,
  usageIdByOrgKey: Map<string, string>,
): Promise<number> {
  let count = 0;
  for (const register of registers) {
    const organisationId = need(orgId, register.organisation);
    for (const a of register.activities) {
      const data = {
        purpose: a.purpose,
        legalGround: a.legalGround,
        specialCategories: a.specialCategories,
        specialException: a.specialException ?? null,
        criminalData: a.criminalData,
        dataSubjects: storedList(a.dataSubjects),
        personalData: storedList(a.personalData),
        retention: a.retention,
        recipients: storedList(a.recipients),
        role: a.role,
        templateId: a.template ?? null,
      };
      const { id } = await tx.processingActivity.upsert({
        where: { organisationId_name: { organisationId, name: a.name } },
        create: { organisationId, name: a.name, ...data },
        update: data,
        select: { id: true },
      });
      await tx.processingActivityMeasure.deleteMany({ where: { activityId: id } });
      await tx.processingActivityMeasure.createMany({
        data: a.measures.map((measureNumber) => ({ activityId: id, measureNumber })),
      });
      await tx.processingActivityUsage.deleteMany({ where: { activityId: id } });
      await tx.processingActivityUsage.createMany({
        data: a.usages.map((k) => ({
          activityId: id,
          usageId: need(usageIdByOrgKey, `${register.organisation}/${k}`),
        })),
      });
      count++;
    }
  }
  return count;
}
