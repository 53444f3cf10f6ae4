// A deterministic synthetic landscape on top of the seeded content, at the size of Dimpact's members or of every Dutch
// municipality, with Softwarecatalogus-like distributions: a few products used almost everywhere, a long tail.
import type { Database } from './client.ts';
import { bumpDataVersion } from './data-version.ts';
import { generateInterfaces } from './dataset-interfaces.ts';
import { generateMigrations } from './dataset-migrations.ts';
import { DOMAINS, STARTS, SUFFIXES, SYLLABLES } from './dataset-names.ts';
import { bulkInsert, DAY, LAYERS, NOW, QUARTERS, ROLES, random, SYNTHETIC, stamped } from './dataset-rows.ts';
import { slugify } from './slug.ts';

export const SCALES = {
  /** The seeded sample content only. */
  boce: { municipalities: 0, cooperations: 0, suppliers: 0, products: 0 },
  dimpact: { municipalities: 26, cooperations: 4, suppliers: 100, products: 300 },
  national: { municipalities: 342, cooperations: 60, suppliers: 280, products: 1_100 },
} as const;
export type Scale = keyof typeof SCALES;

interface DatasetReport {
  organisations: number;
  suppliers: number;
  products: number;
  usages: number;
  interfaces: number;
  migrations: number;
  capacity: number;
  auditEvents: number;
}

/** Writes the synthetic landscape in one transaction; the caller checks that none is there yet. */
export async function generateDataset(
  db: Database,
  scale: Scale,
  seed = 1,
  onProgress: (step: string) => void = () => {},
): Promise<DatasetReport> {
  const prisma = db.prisma;
  const insert = (table: string, rows: Record<string, unknown>[]) => bulkInsert(db, table, rows);
  const size = SCALES[scale];
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const [components, standards, services, existing] = await Promise.all([
    prisma.referenceComponent.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
    prisma.standard.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
    prisma.externalService.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    prisma.organisation.findMany({ select: { id: true, type: true, slug: true }, orderBy: { slug: 'asc' } }),
  ]);
  const report: DatasetReport = {
    organisations: 0,
    suppliers: 0,
    products: 0,
    usages: 0,
    interfaces: 0,
    migrations: 0,
    capacity: 0,
    auditEvents: 0,
  };
  if (scale === 'boce') return report;

  // Organisations: municipalities of different sizes, and cooperations they belong to.
  const names = new Set<string>();
  const placeName = () => {
    for (;;) {
      const name = `${pick(STARTS)}${pick(SYLLABLES)}${rnd() < 0.3 ? pick(SYLLABLES) : ''}`;
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };
  const existingMunicipalities = existing.filter((o) => o.type === 'MUNICIPALITY').length;
  const existingCooperations = existing.filter((o) => o.type === 'COOPERATION').length;
  const municipalities = Array.from({ length: Math.max(0, size.municipalities - existingMunicipalities) }, (_, i) => {
    const name = placeName();
    // Inhabitants shape the landscape: a large city runs twice the applications of a village.
    return {
      id: `${SYNTHETIC}o-${i}`,
      slug: `gemeente-${slugify(name)}`,
      name: `Gemeente ${name}`,
      type: 'MUNICIPALITY' as const,
      cbsCode: `GM${9000 + i}`,
      weight: 0.6 + rnd() * 0.9,
    };
  });
  const cooperations = Array.from({ length: Math.max(0, size.cooperations - existingCooperations) }, (_, i) => {
    const name = `Samenwerking ${placeName()}`;
    return {
      id: `${SYNTHETIC}c-${i}`,
      slug: slugify(name),
      name,
      type: 'COOPERATION' as const,
      cbsCode: null,
      weight: 0.15,
    };
  });
  const orgs = [...municipalities, ...cooperations];
  await insert(
    'organisation',
    stamped(orgs.map(({ weight: _, ...o }) => ({ ...o, description: 'Synthetische organisatie (npm run dataset).' }))),
  );
  const allCooperations = [
    ...existing.filter((o) => o.type === 'COOPERATION').map((o) => o.id),
    ...cooperations.map((c) => c.id),
  ];
  const memberships = new Map<string, { cooperationId: string; memberId: string }>();
  for (const m of municipalities)
    for (let k = between(0, 2); k > 0 && allCooperations.length; k--) {
      const cooperationId = pick(allCooperations);
      memberships.set(`${cooperationId}|${m.id}`, { cooperationId, memberId: m.id });
    }
  await insert('membership', [...memberships.values()]);
  report.organisations = orgs.length;
  onProgress(`${orgs.length} organisaties`);

  // Suppliers and products: a catalogue whose popularity falls off steeply.
  const suppliers = Array.from({ length: size.suppliers }, (_, i) => {
    const name = `${pick(DOMAINS)}${pick(['soft', 'ware', 'data', 'tech', 'lab'])} ${pick(['B.V.', 'Nederland', 'Groep', 'Solutions'])} ${i + 1}`;
    return { id: `${SYNTHETIC}s-${i}`, slug: `${slugify(name)}`, name };
  });
  await insert('supplier', stamped(suppliers));
  const products = Array.from({ length: size.products }, (_, i) => {
    const name = `${DOMAINS[i % DOMAINS.length]} ${SUFFIXES[Math.floor(i / DOMAINS.length) % SUFFIXES.length]}${i >= DOMAINS.length * SUFFIXES.length ? ` ${Math.floor(i / (DOMAINS.length * SUFFIXES.length)) + 1}` : ''}`;
    const architecture = rnd() < 0.5 ? 'LEGACY' : rnd() < 0.5 ? 'HYBRID' : 'COMMON_GROUND';
    const open = architecture === 'COMMON_GROUND' && rnd() < 0.7;
    return {
      id: `${SYNTHETIC}p-${i}`,
      slug: `syn-${slugify(name)}`,
      name,
      supplierId: pick(suppliers).id,
      architecture: architecture as 'LEGACY' | 'HYBRID' | 'COMMON_GROUND',
      openSource: open,
      licence: open ? 'EUPL-1.2' : null,
      description: `Synthetisch pakket voor ${name.split(' ')[0]?.toLowerCase()}.`,
      // Zipf-like popularity: the first products are used almost everywhere.
      weight: 1 / (i + 1) ** 0.9,
      components: [...new Set(Array.from({ length: between(1, 2) }, () => pick(components).id))],
      layers: [...new Set(Array.from({ length: between(1, 2) }, () => pick(LAYERS)))],
      standards: [...new Set(Array.from({ length: between(0, 3) }, () => pick(standards).id))],
      versions: Array.from({ length: between(1, 3) }, (_, v) => ({
        id: `${SYNTHETIC}v-${i}-${v}`,
        name: `${between(1, 9)}.${v}`,
      })),
    };
  });
  const productRows = products.map(
    ({ weight: _w, components: _c, layers: _l, standards: _s, versions: _v, ...p }) => p,
  );
  await insert('product', stamped(productRows));
  await insert(
    'productReferenceComponent',
    products.flatMap((p) => p.components.map((referenceComponentId) => ({ productId: p.id, referenceComponentId }))),
  );
  await insert(
    'productLayer',
    products.flatMap((p) => p.layers.map((layer) => ({ productId: p.id, layer }))),
  );
  await insert(
    'productStandard',
    products.flatMap((p) => p.standards.map((standardId) => ({ productId: p.id, standardId }))),
  );
  const versionNames = new Map<string, Set<string>>();
  const versions = products.flatMap((p) =>
    p.versions.flatMap((v) => {
      const seen = versionNames.get(p.id) ?? new Set<string>();
      versionNames.set(p.id, seen);
      if (seen.has(v.name)) return [];
      seen.add(v.name);
      return [{ id: v.id, productId: p.id, name: v.name }];
    }),
  );
  await insert('productVersion', versions);
  report.suppliers = suppliers.length;
  report.products = products.length;
  onProgress(`${suppliers.length} leveranciers, ${products.length} pakketten`);

  // Usages: each organisation draws its products by popularity (weighted sampling without replacement).
  const versionsOf = new Map<string, string[]>();
  for (const v of versions) versionsOf.set(v.productId, [...(versionsOf.get(v.productId) ?? []), v.id]);
  const usages: {
    id: string;
    key: string;
    organisationId: string;
    productId: string;
    versionId: string | null;
    operatorId: string | null;
    status: 'ACQUIRING' | 'PLANNED' | 'IN_PRODUCTION' | 'PHASING_OUT' | 'RETIRED';
    inProductionSince: Date | null;
    plannedSince: Date | null;
    phasingOutSince: Date | null;
    retiredSince: Date | null;
    acquiringSince: Date | null;
    availability: number;
    integrity: number;
    confidentiality: number;
    yearlyCost: number;
  }[] = [];
  const usageComponents: { usageId: string; referenceComponentId: string }[] = [];
  const loads: { usageId: string; role: (typeof ROLES)[number]; fte: number }[] = [];
  const byOrg = new Map<string, typeof usages>();
  let u = 0;
  const day = (offset: number) => new Date(NOW + offset * DAY);
  for (const org of orgs) {
    const count = Math.round((org.type === 'MUNICIPALITY' ? 320 : 40) * org.weight);
    const chosen = products
      .map((p) => ({ p, score: rnd() ** (1 / p.weight) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, Math.min(count, products.length))
      .map((x) => x.p);
    const list: typeof usages = [];
    for (const p of chosen) {
      const r = rnd();
      const status =
        r < 0.8
          ? 'IN_PRODUCTION'
          : r < 0.88
            ? 'PHASING_OUT'
            : r < 0.93
              ? 'PLANNED'
              : r < 0.98
                ? 'RETIRED'
                : 'ACQUIRING';
      const since = -between(30, 3650);
      const usage = {
        id: `${SYNTHETIC}u-${u++}`,
        key: p.slug,
        organisationId: org.id,
        productId: p.id,
        versionId: pick(versionsOf.get(p.id) ?? [null]),
        // One in eight applications is run by a cooperation the organisation belongs to.
        operatorId: null,
        status: status as (typeof usages)[number]['status'],
        inProductionSince: status === 'PLANNED' || status === 'ACQUIRING' ? null : day(since),
        plannedSince: status === 'PLANNED' ? day(since) : null,
        phasingOutSince: status === 'PHASING_OUT' || status === 'RETIRED' ? day(since + between(10, 25)) : null,
        retiredSince: status === 'RETIRED' ? day(since + between(30, 60)) : null,
        acquiringSince: status === 'ACQUIRING' ? day(-between(10, 200)) : null,
        availability: between(1, 3),
        integrity: between(1, 3),
        confidentiality: between(1, 3),
        yearlyCost: between(2, 400) * 250,
      };
      list.push(usage);
      for (const referenceComponentId of p.components)
        usageComponents.push({ usageId: usage.id, referenceComponentId });
      loads.push({ usageId: usage.id, role: 'FUNCTIONAL_MANAGEMENT', fte: Math.round(rnd() * 40) / 100 });
      loads.push({ usageId: usage.id, role: 'APPLICATION_MANAGEMENT', fte: Math.round(rnd() * 30) / 100 });
    }
    byOrg.set(org.id, list);
    usages.push(...list);
  }
  const memberOf = new Map<string, string[]>();
  for (const m of memberships.values())
    memberOf.set(m.memberId, [...(memberOf.get(m.memberId) ?? []), m.cooperationId]);
  for (const usage of usages) {
    const coops = memberOf.get(usage.organisationId);
    if (coops && rnd() < 0.125) usage.operatorId = pick(coops);
  }
  await insert('usage', stamped(usages));
  await insert('usageReferenceComponent', usageComponents);
  await insert('usageBeheerLoad', loads);
  report.usages = usages.length;
  onProgress(`${usages.length} gebruik`);

  // Koppelingen: mostly towards the popular applications (the zaaksysteem, the ESB), some to national facilities.
  const draw = { insert, rnd, pick, between, day };
  report.interfaces = await generateInterfaces(draw, { orgs, byOrg, services, standards });
  onProgress(`${report.interfaces} koppelingen`);

  // Migrations: legacy in production moves to a Common Ground product, spread over the coming years.
  report.migrations = await generateMigrations(draw, { orgs, municipalities, cooperations, products, byOrg });
  onProgress(`${report.migrations} migraties`);

  // Capacity for every organisation, role and quarter, in proportion to the organisation's size.
  // The seeded plans already hold some capacity; those cells are kept.
  const planned = new Set(
    (await prisma.capacity.findMany({ select: { organisationId: true, role: true, quarter: true } })).map(
      (c) => `${c.organisationId}|${c.role}|${c.quarter}`,
    ),
  );
  const capacity = [...existing.map((o) => ({ id: o.id, weight: 1 })), ...orgs]
    .flatMap((org) =>
      ROLES.flatMap((role) =>
        QUARTERS.map((quarter) => ({
          organisationId: org.id,
          role,
          quarter,
          fte: Math.round(org.weight * (role === 'FUNCTIONAL_MANAGEMENT' ? 30 : 8) * (0.8 + rnd() * 0.4)) / 10,
        })),
      ),
    )
    .filter((c) => !planned.has(`${c.organisationId}|${c.role}|${c.quarter}`));
  await insert('capacity', capacity);
  report.capacity = capacity.length;

  // An audit history: changes to usages over the past year.
  const audit = orgs.flatMap((org) =>
    (byOrg.get(org.id) ?? []).slice(0, 50).map((x, i) => ({
      id: `${SYNTHETIC}a-${org.id}-${i}`,
      createdAt: day(-between(1, 365)),
      actorLabel: `redacteur@${org.slug}.example`,
      organisationId: org.id,
      entityType: 'Usage',
      // The Relay global id, as the API records a usage's changes and its history page looks them up.
      entityId: Buffer.from(`Usage:${x.id}`).toString('base64'),
      action: 'UPDATE',
      changes: JSON.stringify({ status: { before: 'PLANNED', after: x.status } }),
      revision: 2,
      source: 'UI' as const,
    })),
  );
  await insert('auditEvent', audit);
  report.auditEvents = audit.length;
  // Written around the audit trail's usual path, so its mark and the version are made here: running instances see the
  // new data, and what follows the trail (the search index) reads everything again, as after the seed.
  await prisma.auditEvent.create({
    data: {
      actorLabel: 'dataset',
      entityType: 'Content',
      entityId: `synthetische dataset (${scale})`,
      action: 'SEED',
      changes: JSON.stringify({ content: { before: null, after: report } }),
      source: 'SEED',
    },
  });
  await bumpDataVersion(prisma);
  // Fresh statistics after a million rows: without them PostgreSQL's planner guesses, and SQLite's has none at all.
  await prisma.$executeRawUnsafe('ANALYZE');
  return report;
}
