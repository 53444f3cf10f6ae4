// Loads what the security and privacy dashboard's figures (core/security-dashboard.ts) are computed from, for any
// number of organisations in a fixed number of statements, and computes them as the reader may see them: public
// usage fields for every organisation; the private ones (DPIA criteria, risk assessment) and the attestation only
// for the reader's own organisations; the statement of applicability where core/vvt.ts mayReadVvt allows.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Database } from '#prisma/client.ts';
import type { Viewer } from './context.ts';
import { todayNl } from './dates.ts';
import { evidenceReadableBy, evidenceReadableWhere } from './evidence.ts';
import {
  attestationFigure,
  dpiaRequiredMissing,
  ensiaFigure,
  evidenceFigure,
  type PublicUsage,
  type PublicUsageGroup,
  personalDataWithoutDpia,
  riskAssessmentsDue,
  type SecurityFigure,
  vvtFigure,
} from './security-dashboard.ts';
import {
  ENSIA_FACILITIES,
  ENSIA_SERVICES,
  parseCriteria,
  type RecordedChange,
  SIGNIFICANT_PRODUCT_FIELDS,
  SIGNIFICANT_USAGE_FIELDS,
} from './usage-security.ts';
import { mayReadVvt, PRIVATE_SHARE, vvtProgress } from './vvt.ts';

type Prisma = Database['prisma'];

/**
 * The significant changes (core/usage-security.ts) recorded for usages (their updates, not their creation) and their
 * products, per usage in the order asked: one statement.
 */
const SIGNIFICANT: readonly string[] = [...SIGNIFICANT_USAGE_FIELDS, ...SIGNIFICANT_PRODUCT_FIELDS];

export async function significantChanges(
  prisma: Prisma,
  usages: readonly { usageId: string; productId: string }[],
): Promise<RecordedChange[][]> {
  if (usages.length === 0) return [];
  // The trail names what it records by global id.
  const usageIds = usages.map((k) => encodeGlobalID('Usage', k.usageId));
  const productIds = [...new Set(usages.map((k) => encodeGlobalID('Product', k.productId)))];
  const events = await prisma.auditEvent.findMany({
    where: {
      action: { not: 'CREATE' },
      OR: [
        { entityType: 'Usage', entityId: { in: usageIds } },
        { entityType: 'Product', entityId: { in: productIds } },
      ],
      // Only changes that name a significant field are read (a field's name and a colon is only ever a key).
      AND: [{ OR: SIGNIFICANT.map((field) => ({ changes: { contains: `"${field}":` } })) }],
    },
    select: { entityType: true, entityId: true, createdAt: true, changes: true },
  });
  const byEntity = new Map<string, RecordedChange[]>();
  for (const e of events) {
    const fields = Object.keys(JSON.parse(e.changes) as object).filter((f) => SIGNIFICANT.includes(f));
    if (!fields.length) continue;
    const key = `${e.entityType}|${e.entityId}`;
    byEntity.set(key, [
      ...(byEntity.get(key) ?? []),
      { at: e.createdAt, entityType: e.entityType as 'Usage' | 'Product', fields },
    ]);
  }
  return usages.map((k) => [
    ...(byEntity.get(`Usage|${encodeGlobalID('Usage', k.usageId)}`) ?? []),
    ...(byEntity.get(`Product|${encodeGlobalID('Product', k.productId)}`) ?? []),
  ]);
}

const ensiaIds = ENSIA_FACILITIES.flatMap((f) => ENSIA_SERVICES[f]);

/**
 * Per organisation id asked, its figures in SECURITY_FIGURES order as `reader` may see them; with `rows`, the usages
 * behind each figure in key order (without, the personal-data figure is counted in SQL groups and names none). Fourteen
 * statements at most, whatever the number of organisations and usages.
 */
export async function loadSecurityFigures(
  db: Database,
  reader: Viewer | null,
  organisationIds: readonly string[],
  { rows = true, now = new Date() }: { rows?: boolean; now?: Date } = {},
): Promise<Map<string, SecurityFigure[]>> {
  const prisma = db.prisma;
  const ids = [...new Set(organisationIds)];
  const own = ids.filter((id) => reader?.organisationIds.includes(id));
  const notRetired = { organisationId: { in: ids }, status: { not: 'RETIRED' as const } };
  const personalDataWhere = {
    ...notRetired,
    personalData: true,
    OR: [{ dpiaStatus: null }, { dpiaStatus: { in: ['PLANNED' as const, 'IN_PROGRESS' as const] } }],
  };
  const [publicUsages, ensiaUsages, privateUsages, shares, lastAttestations] = await Promise.all([
    // Only the usages the figure may count: personal data, and no DPIA done nor decided not needed. Without rows,
    // counted per group of equal values, so that every organisation of the hub costs a few thousand rows at most.
    rows
      ? prisma.usage.findMany({
          where: personalDataWhere,
          orderBy: { key: 'asc' },
          select: { id: true, organisationId: true, status: true, personalData: true, dpiaStatus: true },
        })
      : prisma.usage
          .groupBy({
            by: ['organisationId', 'status', 'personalData', 'dpiaStatus'],
            where: personalDataWhere,
            _count: { _all: true },
          })
          .then((groups) => groups.map(({ _count, ...g }) => ({ ...g, count: _count._all }))),
    prisma.usage.findMany({
      where: { ...notRetired, interfacesOut: { some: { externalServiceId: { in: ensiaIds } } } },
      orderBy: { key: 'asc' },
      select: {
        id: true,
        organisationId: true,
        status: true,
        interfacesOut: { select: { status: true, externalServiceId: true } },
      },
    }),
    own.length
      ? prisma.usage.findMany({
          where: { ...notRetired, organisationId: { in: own } },
          orderBy: { key: 'asc' },
          select: {
            id: true,
            organisationId: true,
            productId: true,
            status: true,
            personalData: true,
            dpiaStatus: true,
            dpiaCriteria: true,
            riskAssessmentDate: true,
          },
        })
      : [],
    prisma.vvtShare.findMany({
      where: { organisationId: { in: ids } },
      select: { organisationId: true, mode: true, partners: { select: { partnerId: true } } },
    }),
    own.length
      ? prisma.attestation.findMany({
          where: { organisationId: { in: own } },
          orderBy: { confirmedAt: 'desc' },
          distinct: ['organisationId'],
          select: { organisationId: true, confirmedAt: true },
        })
      : [],
  ]);
  const shareOf = new Map(
    shares.map((s) => [s.organisationId, { mode: s.mode, partnerIds: s.partners.map((p) => p.partnerId) }]),
  );
  const vvtReadable = ids.filter((id) => mayReadVvt(reader, id, shareOf.get(id) ?? PRIVATE_SHARE));
  const [measures, lines, changes, countsSince, evidence] = await Promise.all([
    vvtReadable.length ? prisma.bio2Measure.findMany({ select: { number: true, theme: true, kind: true } }) : [],
    vvtReadable.length
      ? prisma.vvtStatement.findMany({
          where: { organisationId: { in: vvtReadable } },
          select: { organisationId: true, measureNumber: true, applies: true, state: true },
        })
      : [],
    significantChanges(
      prisma,
      privateUsages.map((u) => ({ usageId: u.id, productId: u.productId })),
    ),
    countsAfter(prisma, lastAttestations),
    evidenceOf(prisma, own),
  ]);

  const of = <T extends { organisationId: string }>(list: readonly T[], id: string) =>
    list.filter((r) => r.organisationId === id);
  const publicRows: readonly ((PublicUsage | PublicUsageGroup) & { organisationId: string })[] = publicUsages;
  const changesOf = new Map(privateUsages.map((u, i) => [u.id, changes[i] ?? []]));
  const result = new Map<string, SecurityFigure[]>();
  for (const id of ids) {
    const mine = own.includes(id);
    const ownUsages = of(privateUsages, id);
    const last = lastAttestations.find((a) => a.organisationId === id) ?? null;
    result.set(id, [
      vvtFigure(vvtReadable.includes(id) ? vvtProgress(measures, of(lines, id)).all : null),
      personalDataWithoutDpia(of(publicRows, id)),
      dpiaRequiredMissing(mine ? ownUsages.map((u) => ({ ...u, criteria: parseCriteria(u.dpiaCriteria) })) : null),
      riskAssessmentsDue(mine ? ownUsages.map((u) => ({ ...u, changes: changesOf.get(u.id) ?? [] })) : null),
      ensiaFigure(of(ensiaUsages, id).map((u) => ({ ...u, interfaces: u.interfacesOut }))),
      evidenceFigure(mine ? (evidence.get(id) ?? []) : null, todayNl(now)),
      attestationFigure(mine ? last : undefined, countsSince.get(id) ?? [], now),
    ]);
  }
  return result;
}

/**
 * Per organisation, the evidence documents it relies on, as Organisation.evidence lists them: its own, and those it may
 * read of the products it uses (core/evidence.ts). Two statements for all.
 */
async function evidenceOf(prisma: Prisma, own: readonly string[]): Promise<Map<string, { validUntil: Date | null }[]>> {
  const result = new Map<string, { validUntil: Date | null }[]>();
  if (own.length === 0) return result;
  const ids = [...own];
  const [docs, used] = await Promise.all([
    prisma.evidence.findMany({
      where: {
        AND: [
          { OR: [{ organisationId: { in: ids } }, { product: { usages: { some: { organisationId: { in: ids } } } } }] },
          evidenceReadableWhere(ids),
        ],
      },
      select: {
        organisationId: true,
        productId: true,
        visibility: true,
        validUntil: true,
        partners: { select: { partnerId: true } },
      },
    }),
    prisma.usage.findMany({
      where: { organisationId: { in: ids } },
      distinct: ['organisationId', 'productId'],
      select: { organisationId: true, productId: true },
    }),
  ]);
  const uses = new Set(used.map((u) => `${u.organisationId}|${u.productId}`));
  for (const id of ids)
    result.set(
      id,
      docs.filter(
        (d) =>
          d.organisationId === id ||
          (uses.has(`${id}|${d.productId}`) &&
            evidenceReadableBy([id], { ...d, partnerIds: d.partners.map((p) => p.partnerId) })),
      ),
    );
  return result;
}

/** Per organisation, the trail's counts per entity type after its last confirmation: one statement for all. */
async function countsAfter(
  prisma: Prisma,
  last: readonly { organisationId: string; confirmedAt: Date }[],
): Promise<Map<string, { entityType: string; count: number }[]>> {
  const result = new Map<string, { entityType: string; count: number }[]>();
  if (last.length === 0) return result;
  const rows = await prisma.auditEvent.groupBy({
    by: ['organisationId', 'entityType'],
    where: { OR: last.map((a) => ({ organisationId: a.organisationId, createdAt: { gt: a.confirmedAt } })) },
    _count: { _all: true },
  });
  for (const r of rows)
    if (r.organisationId)
      result.set(r.organisationId, [
        ...(result.get(r.organisationId) ?? []),
        { entityType: r.entityType, count: r._count._all },
      ]);
  return result;
}
