// Reads one organisation's landscape in the shape the exporters write, in a fixed number of statements.
import type { Database } from '#prisma/client.ts';
import { byLayer } from '../analysis.ts';
import { isoDay } from '../dates.ts';
import { datesByStatus, STATUS_DATE, STATUS_DATES_SELECT } from '../usage-status.ts';

/** A stored date as YYYY-MM-DD, the form every exchange format writes. */
export const day = (d: Date | null) => (d ? isoDay(d) : null);

export async function loadLandscape(db: Database, slug: string, now = new Date()): Promise<ExportLandscape | null> {
  const org = await db.prisma.organisation.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      usages: {
        orderBy: { key: 'asc' },
        select: {
          id: true,
          key: true,
          status: true,
          ...STATUS_DATES_SELECT,
          availability: true,
          integrity: true,
          confidentiality: true,
          product: {
            select: {
              slug: true,
              name: true,
              architecture: true,
              supplier: { select: { name: true } },
              layers: { select: { layer: true } },
            },
          },
          version: { select: { name: true } },
          operator: { select: { name: true } },
          referenceComponents: { select: { referenceComponent: { select: { id: true, name: true, group: true } } } },
        },
      },
      interfaces: {
        orderBy: { key: 'asc' },
        select: {
          key: true,
          fromUsageId: true,
          toUsageId: true,
          intermediaryId: true,
          description: true,
          type: true,
          direction: true,
          status: true,
          copiesData: true,
          externalService: { select: { id: true, name: true } },
          standards: { select: { standard: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  if (!org) return null;
  const components = new Map(
    org.usages.flatMap((u) =>
      u.referenceComponents.map((c) => [c.referenceComponent.id, c.referenceComponent] as const),
    ),
  );
  const services = new Map(
    org.interfaces.flatMap((i) => (i.externalService ? [[i.externalService.id, i.externalService] as const] : [])),
  );
  return {
    organisation: { slug: org.slug, name: org.name },
    usages: org.usages.map((u) => ({
      id: u.id,
      key: u.key,
      name: u.product.name,
      supplier: u.product.supplier.name,
      version: u.version?.name ?? null,
      status: u.status,
      statusSince: day(u[STATUS_DATE[u.status].column]),
      statusDates: datesByStatus(u, day),
      productSlug: u.product.slug,
      architecture: u.product.architecture,
      layers: u.product.layers.map((l) => l.layer).sort(byLayer),
      operator: u.operator?.name ?? null,
      availability: u.availability,
      integrity: u.integrity,
      confidentiality: u.confidentiality,
      referenceComponentIds: u.referenceComponents.map((c) => c.referenceComponent.id),
    })),
    referenceComponents: [...components.values()],
    externalServices: [...services.values()],
    interfaces: org.interfaces.map((i) => ({
      key: i.key,
      fromUsageId: i.fromUsageId,
      toUsageId: i.toUsageId,
      intermediaryUsageId: i.intermediaryId,
      description: i.description,
      externalServiceId: i.externalService?.id ?? null,
      type: i.type,
      direction: i.direction,
      status: i.status,
      copiesData: i.copiesData,
      standards: i.standards.map((s) => s.standard.name),
      standardIds: i.standards.map((s) => s.standard.id),
    })),
    exportedAt: now.toISOString(),
  };
}
interface ExportUsage {
  id: string;
  key: string;
  name: string;
  supplier: string;
  version: string | null;
  status: string;
  statusSince: string | null;
  /** Date each status took effect (ISO dates), keyed ACQUIRING ... RETIRED. */
  statusDates: Record<string, string | null>;
  productSlug: string;
  architecture: string;
  layers: string[];
  operator: string | null;
  availability: number | null;
  integrity: number | null;
  confidentiality: number | null;
  referenceComponentIds: string[];
}

export interface ExportLandscape {
  organisation: { slug: string; name: string };
  usages: ExportUsage[];
  referenceComponents: { id: string; name: string; group: string }[];
  externalServices: { id: string; name: string }[];
  interfaces: {
    key: string;
    fromUsageId: string;
    toUsageId: string | null;
    intermediaryUsageId: string | null;
    description: string | null;
    externalServiceId: string | null;
    type: string;
    direction: string;
    status: string;
    copiesData: boolean;
    standards: string[];
    standardIds: string[];
  }[];
  exportedAt: string;
}
