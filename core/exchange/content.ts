// Writes one organisation's landscape in the content/landscapes/*.yaml format, so a landscape can be reviewed in git
// and seeded elsewhere: exporting, seeding the file and exporting again gives the same file.

import { stringify } from 'yaml';
import type { Database } from '#prisma/client.ts';
import { compareNl } from '../collation.ts';
import { maySeePrivate, PRIVATE_FIELDS, type Reader, redact } from '../privacy.ts';
import { parseCriteria } from '../usage-security.ts';
import { datesByKey } from '../usage-status.ts';

import { day } from './load.ts';

/** Drops undefined and empty values, so the file holds only what is known. */
const compact = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) =>
        v !== undefined &&
        v !== null &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0),
    ),
  );

/**
 * The file for `reader`: private fields (core/privacy.ts) only for members of the organisation, or the operator on
 * the command line. Another organisation's reader gets the landscape without them, as every page shows it, and the
 * file says so: seeding it elsewhere would otherwise look like a landscape without costs.
 */
export async function toContentYaml(db: Database, slug: string, reader: Reader): Promise<string | null> {
  const org = await db.prisma.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      usages: {
        orderBy: { key: 'asc' },
        include: {
          product: { select: { slug: true } },
          version: { select: { name: true } },
          operator: { select: { slug: true } },
          members: { select: { organisation: { select: { slug: true } } } },
          referenceComponents: { select: { referenceComponent: { select: { name: true } } } },
          beheerLoads: { select: { role: true, fte: true } },
        },
      },
      interfaces: {
        orderBy: { key: 'asc' },
        include: {
          fromUsage: { select: { key: true } },
          toUsage: { select: { key: true } },
          intermediary: { select: { key: true } },
          externalService: { select: { name: true } },
          standards: { select: { standard: { select: { name: true } } } },
        },
      },
    },
  });
  if (!org) return null;
  const document = {
    organisation: org.slug,
    usages: org.usages
      .map((row) => redact(reader, 'Usage', org.id, row))
      .map((u) => ({
        ...compact({
          key: u.key,
          product: u.product.slug,
          version: u.version?.name,
          status: u.status,
          statusDates: compact(datesByKey(u, day)),
          operator: u.operator?.slug,
          members: u.members.map((m) => m.organisation.slug).sort(),
          contact: u.contact ?? undefined,
          biv:
            u.availability && u.integrity && u.confidentiality
              ? { availability: u.availability, integrity: u.integrity, confidentiality: u.confidentiality }
              : undefined,
          personalData: u.personalData,
          dpia: u.dpiaStatus ? compact({ status: u.dpiaStatus, date: day(u.dpiaDate) }) : undefined,
          processorAgreement: u.processorAgreement ?? undefined,
          criticality: u.criticality ?? undefined,
          time: u.time ?? undefined,
          experience: u.experience ?? undefined,
          beheerLoad: Object.fromEntries(
            [...u.beheerLoads].sort((a, b) => a.role.localeCompare(b.role)).map((l) => [l.role, l.fte]),
          ),
          contractEndsOn: day(u.contractEndsOn),
          yearlyCost: u.yearlyCost ?? undefined,
          internalNote: u.internalNote ?? undefined,
          riskAssessmentDate: day(u.riskAssessmentDate),
          pentestDate: day(u.pentestDate),
          pentestState: u.pentestState ?? undefined,
          dpiaCriteria: parseCriteria(u.dpiaCriteria),
          algorithmForResidents: u.algorithmForResidents ?? undefined,
          aiRiskClass: u.aiRiskClass ?? undefined,
          humanOversight: u.humanOversight ?? undefined,
          algorithmRegisterUrl: u.algorithmRegisterUrl ?? undefined,
        }),
        // Always written, even when empty: a usage without components would otherwise seed with its product's.
        referenceComponents: u.referenceComponents.map((c) => c.referenceComponent.name).sort(compareNl),
      })),
    interfaces: org.interfaces.map((i) =>
      compact({
        key: i.key,
        from: i.fromUsage.key,
        usage: i.toUsage?.key,
        external: i.externalService?.name,
        via: i.intermediary?.key,
        type: i.type,
        direction: i.direction,
        status: i.status,
        copiesData: i.copiesData,
        standards: i.standards.map((s) => s.standard.name).sort(compareNl),
        description: i.description ?? undefined,
      }),
    ),
  };
  const withheld = maySeePrivate(reader, 'Usage', org.id)
    ? ''
    : `# Without ${PRIVATE_FIELDS.Usage.fields.join(', ')}: these are private to ${org.name} and left out for other readers.\n`;
  return `# Exported from Grondplan: the landscape of ${org.name}, in the content/landscapes format.\n${withheld}${stringify(document, { lineWidth: 0 })}`;
}
