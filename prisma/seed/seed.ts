// Writes the curated content into the database in one transaction; running it again changes nothing further.

import { replaceBio2Measures } from '#core/exchange/bio2.ts';
import { replaceGemmaViews } from '#core/exchange/gemma-views.ts';
import { storeCriteria } from '#core/usage-security.ts';
import { columnsOfKeys } from '#core/usage-status.ts';
import { joinAliases, splitAliases } from '../aliases.ts';
import type { Db } from '../client.ts';
import { bumpDataVersion } from '../data-version.ts';
import type { Tx } from '../transaction.ts';
import { componentColumns, serviceColumns, standardColumns, standardRole } from './gemma-rows.ts';
import { type Content, loadContent } from './load.ts';
import { day, need, seedPlans } from './plans.ts';
import { seedRegisters } from './registers.ts';
import type { UsageContent } from './schemas.ts';

interface SeedReport {
  referenceComponents: number;
  standards: number;
  bio2Measures: number;
  organisations: number;
  products: number;
  usages: number;
  interfaces: number;
  migrations: number;
  capacityRows: number;
  processingActivities: number;
}

export async function seed(prisma: Db, content: Content = loadContent()): Promise<SeedReport> {
  return prisma.$transaction(async (tx) => seedIn(tx, content), { timeout: 120_000, maxWait: 30_000 });
}

async function seedIn(tx: Tx, content: Content): Promise<SeedReport> {
  const { gemma } = content;
  for (const c of gemma.components) {
    const data = componentColumns(c);
    await tx.referenceComponent.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
  }
  for (const s of gemma.standards) {
    const data = standardColumns(s);
    await tx.standard.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
  }
  for (const e of gemma.externalServices) {
    const data = serviceColumns(e);
    await tx.externalService.upsert({ where: { id: e.id }, create: { id: e.id, ...data }, update: data });
  }
  // Link tables mirror GEMMA exactly: replaced whole.
  await tx.referenceComponentStandard.deleteMany({});
  await tx.referenceComponentStandard.createMany({
    data: gemma.componentStandards.map((l) => ({
      referenceComponentId: l.referentiecomponent_id,
      standardId: l.standaard_id,
      role: standardRole(l.rol),
    })),
  });
  await tx.referenceComponentFlow.deleteMany({});
  await tx.referenceComponentFlow.createMany({
    data: gemma.flows.map((f) => ({ sourceId: f.bron_id, targetId: f.doel_id, name: f.naam })),
  });
  // So are GEMMA's views.
  await replaceGemmaViews(tx, gemma.views);
  // BIO2's measures are reference data too.
  const { total: bio2Measures } = await replaceBio2Measures(tx, content.bio2);

  const componentId = new Map(gemma.components.map((c) => [c.naam, c.id]));
  const standardId = new Map(gemma.standards.map((s) => [s.naam, s.id]));
  const serviceId = new Map(gemma.externalServices.map((s) => [s.naam, s.id]));

  const orgId = new Map<string, string>();
  for (const o of content.organisations) {
    const data = {
      name: o.name,
      type: o.type,
      cbsCode: o.cbsCode ?? null,
      website: o.website ?? null,
      emailDomains: (o.emailDomains ?? []).join(' '),
      description: o.description ?? null,
    };
    const row = await tx.organisation.upsert({
      where: { slug: o.slug },
      create: { slug: o.slug, ...data },
      update: data,
      select: { id: true },
    });
    orgId.set(o.slug, row.id);
  }
  for (const o of content.organisations) {
    const cooperationId = need(orgId, o.slug);
    await tx.membership.deleteMany({ where: { cooperationId } });
    if (o.members?.length)
      await tx.membership.createMany({ data: o.members.map((m) => ({ cooperationId, memberId: need(orgId, m) })) });
  }

  const supplierId = new Map<string, string>();
  for (const s of content.suppliers) {
    // Aliases from content are added to those the supplier already has (merged suppliers' names), never replace them.
    const known = await tx.supplier.findUnique({ where: { slug: s.slug }, select: { aliases: true } });
    const data = {
      name: s.name,
      website: s.website ?? null,
      aliases: joinAliases([...splitAliases(known?.aliases), ...(s.aliases ?? [])]),
    };
    const row = await tx.supplier.upsert({
      where: { slug: s.slug },
      create: { slug: s.slug, ...data },
      update: data,
      select: { id: true },
    });
    supplierId.set(s.slug, row.id);
  }

  const productId = new Map<string, string>();
  const versionId = new Map<string, string>();
  const productComponents = new Map<string, string[]>();
  for (const p of content.products) {
    const data = {
      name: p.name,
      supplierId: need(supplierId, p.supplier),
      description: p.description ?? null,
      licence: p.licence ?? null,
      openSource: Boolean(p.licence),
      repository: p.repository ?? null,
      deliveryModel: p.deliveryModel ?? null,
      hostingJurisdiction: p.hostingJurisdiction ?? null,
      architecture: p.architecture,
    };
    const { id } = await tx.product.upsert({
      where: { slug: p.slug },
      create: { slug: p.slug, ...data },
      update: data,
      select: { id: true },
    });
    productId.set(p.slug, id);
    await tx.productLayer.deleteMany({ where: { productId: id } });
    await tx.productLayer.createMany({ data: p.layers.map((layer) => ({ productId: id, layer })) });
    await tx.productReferenceComponent.deleteMany({ where: { productId: id } });
    const components = p.referenceComponents.map((c) => need(componentId, c));
    productComponents.set(p.slug, components);
    await tx.productReferenceComponent.createMany({
      data: components.map((referenceComponentId) => ({ productId: id, referenceComponentId })),
    });
    await tx.productStandard.deleteMany({ where: { productId: id } });
    if (p.standards?.length)
      await tx.productStandard.createMany({
        data: p.standards.map((s) => ({ productId: id, standardId: need(standardId, s) })),
      });
    for (const name of p.versions ?? []) {
      const v = await tx.productVersion.upsert({
        where: { productId_name: { productId: id, name } },
        create: { productId: id, name },
        update: {},
        select: { id: true },
      });
      versionId.set(`${p.slug}@${name}`, v.id);
    }
  }

  let usages = 0;
  let interfaces = 0;
  const usageIdByOrgKey = new Map<string, string>();
  for (const landscape of content.landscapes) {
    const organisationId = need(orgId, landscape.organisation);
    const usageId = new Map<string, string>();
    for (const u of landscape.usages) {
      const data = usageData(
        u,
        organisationId,
        need(productId, u.product),
        u.version ? need(versionId, `${u.product}@${u.version}`) : null,
        u.operator ? need(orgId, u.operator) : null,
      );
      const { id } = await tx.usage.upsert({
        where: { organisationId_key: { organisationId, key: u.key } },
        create: { key: u.key, ...data },
        update: data,
        select: { id: true },
      });
      usageId.set(u.key, id);
      usageIdByOrgKey.set(`${landscape.organisation}/${u.key}`, id);
      const components = u.referenceComponents?.map((c) => need(componentId, c)) ?? need(productComponents, u.product);
      await tx.usageReferenceComponent.deleteMany({ where: { usageId: id } });
      await tx.usageReferenceComponent.createMany({
        data: components.map((referenceComponentId) => ({ usageId: id, referenceComponentId })),
      });
      await tx.usageMember.deleteMany({ where: { usageId: id } });
      if (u.members?.length)
        await tx.usageMember.createMany({
          data: u.members.map((m) => ({ usageId: id, organisationId: need(orgId, m) })),
        });
      await tx.usageBeheerLoad.deleteMany({ where: { usageId: id } });
      const loads = Object.entries(u.beheerLoad ?? {}).filter(
        (entry): entry is [keyof NonNullable<UsageContent['beheerLoad']>, number] => entry[1] !== undefined,
      );
      if (loads.length)
        await tx.usageBeheerLoad.createMany({ data: loads.map(([role, fte]) => ({ usageId: id, role, fte })) });
      usages++;
    }
    for (const i of landscape.interfaces) {
      const data = {
        organisationId,
        fromUsageId: need(usageId, i.from),
        toUsageId: i.usage ? need(usageId, i.usage) : null,
        externalServiceId: i.external ? need(serviceId, i.external) : null,
        intermediaryId: i.via ? need(usageId, i.via) : null,
        type: i.type,
        direction: i.direction,
        status: i.status,
        copiesData: i.copiesData,
        description: i.description ?? null,
      };
      const { id } = await tx.interface.upsert({
        where: { organisationId_key: { organisationId, key: i.key } },
        create: { key: i.key, ...data },
        update: data,
        select: { id: true },
      });
      await tx.interfaceStandard.deleteMany({ where: { interfaceId: id } });
      if (i.standards?.length)
        await tx.interfaceStandard.createMany({
          data: i.standards.map((s) => ({ interfaceId: id, standardId: need(standardId, s) })),
        });
      interfaces++;
    }
  }
  const { migrations, capacityRows } = await seedPlans(tx, content, orgId, productId, usageIdByOrgKey);
  const processingActivities = await seedRegisters(tx, content.registers, orgId, usageIdByOrgKey);
  const report = {
    migrations,
    capacityRows,
    processingActivities,
    referenceComponents: gemma.components.length,
    standards: gemma.standards.length,
    bio2Measures,
    organisations: content.organisations.length,
    products: content.products.length,
    usages,
    interfaces,
  };
  // The seed is a change like any other: it leaves its mark in the audit trail.
  await tx.auditEvent.create({
    data: {
      actorLabel: 'seed',
      entityType: 'Content',
      entityId: 'content/',
      action: 'SEED',
      changes: JSON.stringify({ content: { before: null, after: report } }),
      source: 'SEED',
    },
  });
  await bumpDataVersion(tx);
  return report;
}

function usageData(
  u: UsageContent,
  organisationId: string,
  productId: string,
  versionId: string | null,
  operatorId: string | null,
) {
  return {
    organisationId,
    productId,
    versionId,
    operatorId,
    status: u.status,
    ...columnsOfKeys(u.statusDates, day),
    contact: u.contact ?? null,
    availability: u.biv?.availability ?? null,
    integrity: u.biv?.integrity ?? null,
    confidentiality: u.biv?.confidentiality ?? null,
    personalData: u.personalData,
    dpiaStatus: u.dpia?.status ?? null,
    dpiaDate: day(u.dpia?.date),
    processorAgreement: u.processorAgreement ?? null,
    criticality: u.criticality ?? null,
    time: u.time ?? null,
    contractEndsOn: day(u.contractEndsOn),
    yearlyCost: u.yearlyCost ?? null,
    internalNote: u.internalNote ?? null,
    experience: u.experience ?? null,
    riskAssessmentDate: day(u.riskAssessmentDate),
    pentestDate: day(u.pentestDate),
    pentestState: u.pentestState ?? null,
    dpiaCriteria: storeCriteria(u.dpiaCriteria),
    algorithmForResidents: u.algorithmForResidents ?? null,
    aiRiskClass: u.aiRiskClass ?? null,
    humanOversight: u.humanOversight ?? null,
    algorithmRegisterUrl: u.algorithmRegisterUrl ?? null,
  };
}

/** Seeds only when the database holds no organisations yet: the first start of an empty database. */
export async function seedIfEmpty(prisma: Db): Promise<SeedReport | null> {
  if ((await prisma.organisation.count()) > 0) return null;
  return seed(prisma);
}
