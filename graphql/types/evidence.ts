// Evidence documents of a product (core/evidence.ts): listed on the product, on each usage of it and per organisation,
// each list holding only what the viewer may read by the document's visibility (nothing anonymously); an
// organisation's lists show a viewer from elsewhere no third organisation's document shared by name
// (evidenceListedFor). The file's bytes are never part of the API: the download route serves them
// (site/lib/evidence-download.ts).
import { encodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import type { Context } from '#core/context.ts';
import { hasRole } from '#core/context.ts';
import { todayNl } from '#core/dates.ts';
import {
  evidenceExpiry,
  evidenceListedFor,
  evidenceListedWhere,
  evidenceReadableBy,
  evidenceReadableWhere,
} from '#core/evidence.ts';
import type { Prisma } from '#prisma/generated/sqlite/client/client.ts';
import { builder } from '../builder.ts';
import { EvidenceKind, EvidenceVisibility } from './enums.ts';
import { Organisation } from './organisation.ts';
import { Product } from './product.ts';
import { Usage } from './usage.ts';

const EvidenceExpiry = builder.enumType('EvidenceExpiry', {
  description: 'EXPIRED: valid until before today; EXPIRING: within 60 days; VALID after that; NO_END without an end.',
  values: ['EXPIRED', 'EXPIRING', 'VALID', 'NO_END'] as const,
});

interface StoredFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

const EvidenceFileRef = builder.objectRef<StoredFile>('EvidenceFileInfo').implement({
  description: 'The stored file of an evidence document (its bytes through the download route only).',
  fields: (t) => ({
    name: t.exposeString('name'),
    contentType: t.exposeString('contentType', { description: 'The type detected from the content.' }),
    size: t.exposeInt('size', { description: 'In bytes.' }),
    sha256: t.exposeString('sha256', { description: 'SHA-256 of the bytes, hexadecimal.' }),
  }),
});

export const Evidence = builder.prismaObject('Evidence', {
  description:
    'A certificate or statement about a product (ISO 27001, TPM, pentest summary, DPIA, processor agreement annex), owned by the organisation that uploaded it and read as its visibility allows.',
  fields: (t) => ({
    id: t.id({ description: 'Global id.', resolve: (e) => encodeGlobalID('Evidence', e.id) }),
    key: t.exposeString('id', { description: 'The key in the document’s download address.' }),
    product: t.relation('product'),
    organisation: t.relation('organisation', { description: 'The owner: the organisation that uploaded it.' }),
    kind: t.expose('kind', { type: EvidenceKind }),
    title: t.exposeString('title'),
    issuer: t.exposeString('issuer', { nullable: true, description: 'Who issued it (certifier, auditor, tester).' }),
    scope: t.exposeString('scope', { nullable: true, description: 'What it covers.' }),
    validFrom: t.expose('validFrom', { type: 'Date', nullable: true }),
    validUntil: t.expose('validUntil', { type: 'Date', nullable: true, description: 'The last valid day.' }),
    expiry: t.field({
      type: EvidenceExpiry,
      select: { validUntil: true },
      resolve: (e) => evidenceExpiry(e.validUntil, todayNl()),
    }),
    link: t.exposeString('link', { nullable: true, description: 'An https link, for a document not stored here.' }),
    file: t.field({
      type: EvidenceFileRef,
      nullable: true,
      select: { fileName: true, contentType: true, size: true, sha256: true },
      resolve: (e) =>
        e.fileName && e.contentType && e.size !== null && e.sha256
          ? { name: e.fileName, contentType: e.contentType, size: e.size, sha256: e.sha256 }
          : null,
    }),
    visibility: t.expose('visibility', { type: EvidenceVisibility }),
    partners: t.field({
      type: [Organisation],
      nullable: true,
      description: 'The partners a NAMED document is shared with; for the owner’s members only.',
      select: { organisationId: true, partners: { select: { partner: true } } },
      resolve: (e, _args, ctx) =>
        ctx.viewer?.organisationIds.includes(e.organisationId)
          ? e.partners.map((p) => p.partner).sort((a, b) => a.name.localeCompare(b.name, 'nl'))
          : null,
    }),
    viewerCanEdit: t.boolean({
      description: 'Whether the viewer may change or delete it (an editor of the owner).',
      select: { organisationId: true },
      resolve: (e, _args, ctx) => hasRole(ctx.viewer, e.organisationId, 'EDITOR'),
    }),
    revision: t.exposeInt('revision'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

/** The documents readable by the viewer, and by every organisation in `alsoBy` (an organisation's view of them). */
const readable = (ctx: { viewer: { organisationIds: readonly string[] } | null }, alsoBy: string[] = []) =>
  ctx.viewer
    ? [evidenceReadableWhere(ctx.viewer.organisationIds), ...alsoBy.map((id) => evidenceReadableWhere([id]))]
    : [{ id: { in: [] as string[] } }];

/** First to expire first, those without an end last, then by title. */
const BY_EXPIRY = [{ validUntil: { sort: 'asc', nulls: 'last' } }, { title: 'asc' }] as const;

type EvidenceRow = Prisma.EvidenceGetPayload<{ include: { partners: { select: { partnerId: true } } } }>;

/**
 * Per request, the documents of products the viewer may read, for all products a list asks at once: one statement
 * for the products of a whole list of usages or products, instead of one per row.
 */
const productEvidence = new WeakMap<Context, DataLoader<string, EvidenceRow[]>>();
function evidenceOfProducts(ctx: Context): DataLoader<string, EvidenceRow[]> {
  let loader = productEvidence.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (productIds) => {
      const rows = await ctx.db.prisma.evidence.findMany({
        where: { AND: [{ productId: { in: [...productIds] } }, ...readable(ctx)] },
        include: { partners: { select: { partnerId: true } } },
        orderBy: [...BY_EXPIRY],
      });
      return productIds.map((id) => rows.filter((r) => r.productId === id));
    });
    productEvidence.set(ctx, loader);
  }
  return loader;
}

builder.prismaObjectFields(Product, (t) => ({
  evidence: t.field({
    type: [Evidence],
    description: 'The product’s evidence documents the viewer may read; none for anonymous visitors.',
    select: { id: true },
    resolve: async (product, _args, ctx) => (ctx.viewer ? evidenceOfProducts(ctx).load(product.id) : []),
  }),
}));

builder.prismaObjectFields(Usage, (t) => ({
  evidence: t.field({
    type: [Evidence],
    description:
      'The evidence documents of the usage’s product that its organisation’s members may read (its own and those shared with it), as far as the viewer may read them. A viewer from another organisation gets the organisation’s own documents, those shared with all members and those of the viewer’s own organisations: not a third organisation’s document shared by name.',
    select: { productId: true, organisationId: true },
    resolve: async (usage, _args, ctx) => {
      const viewer = ctx.viewer;
      if (!viewer) return [];
      const docs = await evidenceOfProducts(ctx).load(usage.productId);
      return docs.filter(
        (d) =>
          evidenceReadableBy([usage.organisationId], { ...d, partnerIds: d.partners.map((p) => p.partnerId) }) &&
          evidenceListedFor(viewer.organisationIds, usage.organisationId, d),
      );
    },
  }),
}));

builder.prismaObjectFields(Organisation, (t) => ({
  evidenceProducts: t.prismaField({
    type: ['Product'],
    description:
      'The products the organisation uses (has a usage of), by name: those it may add evidence to. For its members only; empty for everyone else.',
    select: { id: true },
    resolve: (query, org, _args, ctx) =>
      ctx.viewer?.organisationIds.includes(org.id)
        ? ctx.db.prisma.product.findMany({
            ...query,
            where: { usages: { some: { organisationId: org.id } } },
            orderBy: { name: 'asc' },
          })
        : [],
  }),
  evidence: t.prismaField({
    type: ['Evidence'],
    description:
      'The organisation’s own evidence documents and those shared with it for the products it uses, first to expire first, as far as the viewer may read them. A viewer from another organisation gets the organisation’s own documents, those shared with all members and those of the viewer’s own organisations: not a third organisation’s document shared by name.',
    select: { id: true },
    resolve: (query, org, _args, ctx) =>
      ctx.db.prisma.evidence.findMany({
        ...query,
        where: {
          AND: [
            { OR: [{ organisationId: org.id }, { product: { usages: { some: { organisationId: org.id } } } }] },
            ...readable(ctx, [org.id]),
            evidenceListedWhere(ctx.viewer?.organisationIds ?? [], org.id),
          ],
        },
        orderBy: [...BY_EXPIRY],
      }),
  }),
}));
