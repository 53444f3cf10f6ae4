// A deterministic synthetic landscape on top of the seeded content, at the size of Dimpact's members or of every Dutch
// municipality, with Softwarecatalogus-like distributions: a few products used almost everywhere, a long tail.
import type { Database } from './client.ts';
import { bumpDataVersion } from './data-version.ts';

export const SCALES = {
  /** The seeded sample content only. */
  boce: { municipalities: 0, cooperations: 0, suppliers: 0, products: 0 },
  dimpact: { municipalities: 26, cooperations: 4, suppliers: 100, products: 300 },
  national: { municipalities: 342, cooperations: 60, suppliers: 280, products: 1_100 },
} as const;
export type Scale = keyof typeof SCALES;

/** Every synthetic row's id starts with this, so the data is recognisable and never collides with the seed's cuids. */
export const SYNTHETIC = 'syn-';

const ROLES = [
  'FUNCTIONAL_MANAGEMENT',
  'APPLICATION_MANAGEMENT',
  'TECHNICAL_MANAGEMENT',
  'INFORMATION_MANAGEMENT',
  'ARCHITECTURE',
  'INFORMATION_SECURITY',
  'PRIVACY',
] as const;
const LAYERS = ['INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA'] as const;
const QUARTERS = [2026, 2027, 2028, 2029].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
const NOW = Date.UTC(2026, 10, 29);
const DAY = 86_400_000;

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SYLLABLES = ['ber', 'dam', 'veen', 'wold', 'hem', 'dor', 'land', 'burg', 'stad', 'meer', 'horn', 'zand', 'loo', 'wijk', 'rade', 'hout', 'broek', 'sloot'];
const STARTS = [
  'Aal',
  'Bor',
  'Cul',
  'Dal',
  'Eel',
  'Fra',
  'Gro',
  'Har',
  'Ijs',
  'Kol',
  'Lem',
  'Mid',
  'Noord',
  'Oost',
  'Put',
  'Ros',
  'Slo',
  'Ter',
  'Uit',
  'Val',
  'West',
  'Zui',
];
const DOMAINS = [
  'Zaak',
  'Burger',
  'Belasting',
  'Archief',
  'Geo',
  'Vergunning',
  'Subsidie',
  'Inkomen',
  'Klant',
  'Document',
  'Afval',
  'Parkeer',
  'Sociaal',
  'Jeugd',
  'Wmo',
  'Financieel',
  'Personeel',
  'Contract',
  'Meldingen',
  'Raads',
  'Onderwijs',
  'Beheer',
  'Openbare Ruimte',
  'Verkiezing',
];
const SUFFIXES = ['Suite', 'Portaal', 'Manager', 'Register', 'Connect', 'Online', 'Plus', 'Flow', 'Hub', 'Desk', 'Net', 'Cloud'];

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface DatasetReport {
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
export async function generateDataset(db: Database, scale: Scale, seed = 1, onProgress: (step: string) => void = () => {}): Promise<DatasetReport> {
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
  const report: DatasetReport = { organisations: 0, suppliers: 0, products: 0, usages: 0, interfaces: 0, migrations: 0, capacity: 0, auditEvents: 0 };
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
      slug: `gemeente-${slugOf(name)}`,
      name: `Gemeente ${name}`,
      type: 'MUNICIPALITY' as const,
      cbsCode: `GM${9000 + i}`,
      weight: 0.6 + rnd() * 0.9,
    };
  });
  const cooperations = Array.from({ length: Math.max(0, size.cooperations - existingCooperations) }, (_, i) => {
    const name = `Samenwerking ${placeName()}`;
    return { id: `${SYNTHETIC}c-${i}`, slug: slugOf(name), name, type: 'COOPERATION' as const, cbsCode: null, weight: 0.15 };
  });
  const orgs = [...municipalities, ...cooperations];
  await insert('organisation', stamped(orgs.map(({ weight: _, ...o }) => ({ ...o, description: 'Synthetische organisatie (npm run dataset).' }))));
  const allCooperations = [...existing.filter((o) => o.type === 'COOPERATION').map((o) => o.id), ...cooperations.map((c) => c.id)];
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
    return { id: `${SYNTHETIC}s-${i}`, slug: `${slugOf(name)}`, name };
  });
  await insert('supplier', stamped(suppliers));
  const products = Array.from({ length: size.products }, (_, i) => {
    const name = `${DOMAINS[i % DOMAINS.length]} ${SUFFIXES[Math.floor(i / DOMAINS.length) % SUFFIXES.length]}${i >= DOMAINS.length * SUFFIXES.length ? ` ${Math.floor(i / (DOMAINS.length * SUFFIXES.length)) + 1}` : ''}`;
    const architecture = rnd() < 0.5 ? 'LEGACY' : rnd() < 0.5 ? 'HYBRID' : 'COMMON_GROUND';
    const open = architecture === 'COMMON_GROUND' && rnd() < 0.7;
    return {
      id: `${SYNTHETIC}p-${i}`,
      slug: `syn-${slugOf(name)}`,
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
      versions: Array.from({ length: between(1, 3) }, (_, v) => ({ id: `${SYNTHETIC}v-${i}-${v}`, name: `${between(1, 9)}.${v}` })),
    };
  });
  const productRows = products.map(({ weight: _w, components: _c, layers: _l, standards: _s, versions: _v, ...p }) => p);
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
      const status = r < 0.8 ? 'IN_PRODUCTION' : r < 0.88 ? 'PHASING_OUT' : r < 0.93 ? 'PLANNED' : r < 0.98 ? 'RETIRED' : 'ACQUIRING';
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
      for (const referenceComponentId of p.components) usageComponents.push({ usageId: usage.id, referenceComponentId });
      loads.push({ usageId: usage.id, role: 'FUNCTIONAL_MANAGEMENT', fte: Math.round(rnd() * 40) / 100 });
      loads.push({ usageId: usage.id, role: 'APPLICATION_MANAGEMENT', fte: Math.round(rnd() * 30) / 100 });
    }
    byOrg.set(org.id, list);
    usages.push(...list);
  }
  const memberOf = new Map<string, string[]>();
  for (const m of memberships.values()) memberOf.set(m.memberId, [...(memberOf.get(m.memberId) ?? []), m.cooperationId]);
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
  const interfaces: {
    id: string;
    key: string;
    organisationId: string;
    fromUsageId: string;
    toUsageId: string | null;
    externalServiceId: string | null;
    type: 'API' | 'WEBSERVICE' | 'FILE_TRANSFER' | 'DIGIKOPPELING' | 'MESSAGE_QUEUE';
    direction: 'A_TO_B' | 'B_TO_A' | 'BOTH';
    status: 'IN_USE' | 'IN_DEVELOPMENT' | 'END_OF_SUPPORT' | 'WITHDRAWN';
    copiesData: boolean;
  }[] = [];
  const interfaceStandards: { interfaceId: string; standardId: string }[] = [];
  let k = 0;
  for (const org of orgs) {
    const list = byOrg.get(org.id) ?? [];
    if (list.length < 2) continue;
    const keys = new Set<string>();
    const wanted = Math.round(list.length * 1.37);
    for (let attempt = 0; keys.size < wanted && attempt < wanted * 3; attempt++) {
      const from = list[Math.floor(rnd() * list.length)];
      const toExternal = rnd() < 0.08 && services.length > 0;
      const to = toExternal ? null : list[Math.floor(rnd() ** 2.5 * list.length)];
      const service = toExternal ? pick(services) : null;
      if (!from || (!to && !service) || from === to) continue;
      const key = `${from.key}--${to ? to.key : slugOf(service?.name ?? '')}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const id = `${SYNTHETIC}i-${k++}`;
      interfaces.push({
        id,
        key,
        organisationId: org.id,
        fromUsageId: from.id,
        toUsageId: to?.id ?? null,
        externalServiceId: service?.id ?? null,
        type: pick(['API', 'API', 'WEBSERVICE', 'FILE_TRANSFER', 'DIGIKOPPELING', 'MESSAGE_QUEUE'] as const),
        direction: pick(['A_TO_B', 'A_TO_B', 'B_TO_A', 'BOTH'] as const),
        status: pick(['IN_USE', 'IN_USE', 'IN_USE', 'IN_DEVELOPMENT', 'END_OF_SUPPORT', 'WITHDRAWN'] as const),
        copiesData: rnd() < 0.35,
      });
      if (rnd() < 0.3) interfaceStandards.push({ interfaceId: id, standardId: pick(standards).id });
    }
  }
  await insert('interface', stamped(interfaces));
  await insert('interfaceStandard', interfaceStandards);
  report.interfaces = interfaces.length;
  onProgress(`${interfaces.length} koppelingen`);

  // Migrations: legacy in production moves to a Common Ground product, spread over the coming years.
  const programmes = Array.from({ length: 6 }, (_, i) => ({
    id: `${SYNTHETIC}pr-${i}`,
    slug: `syn-programma-${i + 1}`,
    name: `Landelijk programma ${i + 1}`,
    deadline: new Date(Date.UTC(2027 + (i % 3), 11, 31)),
  }));
  await insert('programme', stamped(programmes));
  await insert(
    'programmeOwner',
    programmes.map((p, i) => ({ programmeId: p.id, organisationId: (cooperations[i] ?? municipalities[i] ?? orgs[0])?.id ?? '' })),
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
  report.migrations = migrations.length;
  onProgress(`${migrations.length} migraties`);

  // Capacity for every organisation, role and quarter, in proportion to the organisation's size.
  // The seeded plans already hold some capacity; those cells are kept.
  const planned = new Set(
    (await prisma.capacity.findMany({ select: { organisationId: true, role: true, quarter: true } })).map((c) => `${c.organisationId}|${c.role}|${c.quarter}`),
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
  // Written around the audit trail's usual path, so the version is raised here: running instances see the new data.
  await bumpDataVersion(prisma);
  // Fresh statistics after a million rows: without them PostgreSQL's planner guesses, and SQLite's has none at all.
  await prisma.$executeRawUnsafe('ANALYZE');
  return report;
}

/** Calendar quarters a period touches, as 2027-Q1. */
function quartersBetween(start: Date, end: Date): string[] {
  const index = (d: Date) => d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
  const out: string[] = [];
  for (let i = index(start); i <= index(end); i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

/** Creation and change times of synthetic rows: one fixed moment, so that a seed gives the same data every time. */
const stamped = <T extends object>(rows: T[]) => rows.map((r) => ({ ...r, createdAt: new Date(NOW - 400 * DAY), updatedAt: new Date(NOW - 30 * DAY) }));

/**
 * Multi-row INSERTs straight through the driver adapter: ten times faster than createMany for a million rows. Values
 * are written the way Prisma writes them (SQLite: ISO dates with +00:00 and 0/1; PostgreSQL: its own types).
 */
async function bulkInsert(db: Database, model: string, rows: Record<string, unknown>[]) {
  const [first] = rows;
  if (!first) return;
  const table = model.charAt(0).toUpperCase() + model.slice(1);
  const columns = Object.keys(first);
  const sqlite = db.provider === 'sqlite';
  const value = (v: unknown) =>
    v instanceof Date ? (sqlite ? v.toISOString().replace('Z', '+00:00') : v.toISOString()) : typeof v === 'boolean' && sqlite ? Number(v) : (v ?? null);
  const perStatement = Math.floor(30_000 / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    let n = 0;
    const tuples = chunk.map(() => `(${columns.map(() => (sqlite ? '?' : `$${++n}`)).join(',')})`);
    const params = chunk.flatMap((r) => columns.map((c) => value(r[c])));
    await db.prisma.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`, ...params);
  }
}
