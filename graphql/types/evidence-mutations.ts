// Adding, changing and deleting an organisation's evidence documents: by its editors only, only for a product it uses,
// a file checked on its content (core/evidence-file.ts) or an https link, at a known revision, every change audited
// on the organisation's own trail.
import { z } from 'zod';
import { requireEditor } from '#core/access.ts';
import type { Tx } from '#core/audit.ts';
import type { Context } from '#core/context.ts';
import { ConflictError, ForbiddenError, mutationErrors, NotFoundError, ValidationError } from '#core/errors.ts';
import {
  evidenceProblems,
  type EvidenceInput as Fields,
  LINK_MAX,
  mayReadEvidence,
  TEXT_MAX,
  TITLE_MAX,
} from '#core/evidence.ts';
import { checkEvidenceFile, MAX_EVIDENCE_BYTES, TOO_LARGE } from '#core/evidence-file.ts';
import { date, requiredText, revision, slug, text } from '#core/input.ts';
import {
  auditChange,
  deleteAtRevision,
  globalIdOf,
  loadAtRevision,
  updateAtRevision,
  writerOf,
} from '#core/revisioned-write.ts';
import type { EvidenceVisibility as Visibility } from '#prisma/generated/sqlite/client/enums.ts';
import { builder, type InputFields, selection } from '../builder.ts';
import { EvidenceKind, EvidenceVisibility } from './enums.ts';
import { Evidence } from './evidence.ts';

/** The fields a new and a changed document share. */
const documentFields = (t: InputFields) => ({
  kind: t.field({ type: EvidenceKind, required: true }),
  title: t.string({ required: true, validate: requiredText(TITLE_MAX) }),
  issuer: t.string({ validate: text(TEXT_MAX).nullish() }),
  scope: t.string({ validate: text(TEXT_MAX).nullish() }),
  validFrom: t.field({ type: 'Date', validate: date.nullish() }),
  validUntil: t.field({ type: 'Date', validate: date.nullish() }),
  link: t.string({ description: 'An https link instead of a file.', validate: text(LINK_MAX).nullish() }),
  file: t.field({
    type: 'File',
    description: 'PDF, DOCX, XLSX or ODT, at most 20 MB, sent as a multipart upload; checked on its content.',
  }),
  fileName: t.string({
    description: 'The file’s name; the upload’s own name when left out.',
    validate: text(250).nullish(),
  }),
  visibility: t.field({ type: EvidenceVisibility, required: true }),
  partners: t.stringList({
    description: 'Slugs of the partners a NAMED document is shared with.',
    validate: z.array(slug).max(50, 'Noem ten hoogste 50 partners.').nullish(),
  }),
});

const CreateEvidenceInput = builder.inputType('CreateEvidenceInput', {
  fields: (t) => ({
    organisation: t.string({ required: true, validate: slug, description: 'The owner: the uploading organisation.' }),
    product: t.string({ required: true, validate: slug }),
    ...documentFields(t),
  }),
});

const UpdateEvidenceInput = builder.inputType('UpdateEvidenceInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: Evidence }),
    revision: t.int({ required: true, validate: revision }),
    ...documentFields(t),
  }),
});

type DocumentInput = {
  kind: (typeof EvidenceKind)['$inferType'];
  title: string;
  issuer?: string | null;
  scope?: string | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  link?: string | null;
  file?: File | null;
  fileName?: string | null;
  visibility: Visibility;
  partners?: readonly string[] | null;
};

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const problem = (field: string, message: string) => new ValidationError([{ path: ['input', field], message }]);

/** The stored file of the upload (checked on its content), or null without one; a ValidationError when refused. */
async function storedFile(input: DocumentInput) {
  const file = input.file;
  if (!file || file.size === 0) return null;
  // A file over the limit is refused before a byte of it is read.
  if (file.size > MAX_EVIDENCE_BYTES) throw problem('file', TOO_LARGE);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const checked = checkEvidenceFile(bytes, blank(input.fileName) ?? file.name ?? '');
  if (!checked.ok) throw problem('file', checked.message);
  return { ...checked, bytes };
}

/** The partners named (their ids), for NAMED only; a ValidationError for an unknown slug. */
async function partnersOf(tx: Tx, input: DocumentInput, ownerId: string) {
  if (input.visibility !== 'NAMED') return [];
  const slugs = [...new Set(input.partners ?? [])];
  const found = await tx.organisation.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const unknown = slugs.filter((s) => !found.some((p) => p.slug === s));
  if (unknown.length) throw problem('partners', `Onbekende organisatie: ${unknown.join(', ')}.`);
  return found.filter((p) => p.id !== ownerId);
}

/** The document's fields as stored, after the rules across fields. */
function fieldsOf(input: DocumentInput, hasFile: boolean, partnerCount: number) {
  const data = {
    kind: input.kind,
    title: input.title.trim(),
    issuer: blank(input.issuer),
    scope: blank(input.scope),
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    link: blank(input.link),
    visibility: input.visibility,
  };
  const across: Fields = { ...data, hasFile, partnerCount };
  const problems = evidenceProblems(across);
  if (problems.length)
    throw new ValidationError(problems.map((p) => ({ path: ['input', p.field], message: p.message })));
  return data;
}

/** The document as the audit trail records it. */
async function snapshot(tx: Tx, id: string) {
  const e = await tx.evidence.findUnique({
    where: { id },
    include: { partners: { select: { partner: { select: { slug: true } } } } },
  });
  if (!e) return null;
  return {
    organisationId: e.organisationId,
    productId: e.productId,
    evidenceKind: e.kind,
    title: e.title,
    evidenceIssuer: e.issuer,
    evidenceScope: e.scope,
    validFrom: e.validFrom,
    validUntil: e.validUntil,
    link: e.link,
    fileName: e.fileName,
    sha256: e.sha256,
    visibility: e.visibility,
    partners: e.partners.map((p) => p.partner.slug).sort(),
    revision: e.revision,
  };
}

/** The document for a change: NotFound for one the viewer may not even read, then the editor rule of its owner. */
const loadForChange = (tx: Tx, ctx: Context) => async (id: string) => {
  const found = await tx.evidence.findUnique({
    where: { id },
    select: { organisationId: true, visibility: true, partners: { select: { partnerId: true } } },
  });
  if (!found) return null;
  const access = { ...found, partnerIds: found.partners.map((p) => p.partnerId) };
  return mayReadEvidence(ctx.viewer, access) ? snapshot(tx, id) : null;
};

async function writePartners(tx: Tx, evidenceId: string, partners: { id: string }[]) {
  await tx.evidencePartner.deleteMany({ where: { evidenceId } });
  if (partners.length)
    await tx.evidencePartner.createMany({ data: partners.map((p) => ({ evidenceId, partnerId: p.id })) });
}

const NO_FILE = { fileName: null, contentType: null, size: null, sha256: null };

builder.mutationField('createEvidence', (t) =>
  t.prismaField({
    type: Evidence,
    description:
      'Adds an evidence document to a product the organisation uses: a file (PDF, DOCX, XLSX or ODT, checked on its content, at most 20 MB) or an https link. For the organisation’s editors.',
    errors: mutationErrors('CreateEvidence', [ForbiddenError, NotFoundError, ValidationError]),
    args: { input: t.arg({ type: CreateEvidenceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const organisation = await ctx.db.prisma.organisation.findUnique({
        where: { slug: input.organisation },
        select: { id: true },
      });
      if (!organisation) throw new NotFoundError('Organisatie', input.organisation);
      requireEditor(ctx, organisation.id);
      // Only an editor's upload is read.
      const file = await storedFile(input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const product = await tx.product.findUnique({ where: { slug: input.product }, select: { id: true } });
        if (!product) throw new NotFoundError('Pakket', input.product);
        const uses = await tx.usage.count({ where: { organisationId: organisation.id, productId: product.id } });
        if (!uses)
          throw problem(
            'product',
            'Je organisatie gebruikt dit pakket niet. Voeg bewijs alleen toe bij een pakket dat in het landschap van je organisatie staat.',
          );
        const partners = await partnersOf(tx, input, organisation.id);
        const data = fieldsOf(input, Boolean(file), partners.length);
        const written = await tx.evidence.create({
          data: {
            ...data,
            productId: product.id,
            organisationId: organisation.id,
            ...(file
              ? { fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256 }
              : NO_FILE),
            ...(file ? { file: { create: { bytes: file.bytes } } } : {}),
          },
        });
        await writePartners(tx, written.id, partners);
        const row = { type: 'Evidence', id: written.id } as const;
        await auditChange(tx, writerOf(ctx, organisation.id), row, 'CREATE', null, await snapshot(tx, written.id));
        return tx.evidence.findUniqueOrThrow({ ...selection(query), where: { id: written.id } });
      });
    },
  }),
);

builder.mutationField('updateEvidence', (t) =>
  t.prismaField({
    type: Evidence,
    description:
      'Changes an evidence document at the revision read. A new file replaces the stored one, a link replaces a file; with neither the stored file stays. For the owner’s editors.',
    errors: mutationErrors('UpdateEvidence', [ForbiddenError, NotFoundError, ValidationError, ConflictError]),
    args: { input: t.arg({ type: UpdateEvidenceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = { type: 'Evidence', id: input.id.id } as const;
      const load = (tx: Tx) =>
        loadAtRevision(tx, row, input.revision, loadForChange(tx, ctx), (b) => requireEditor(ctx, b.organisationId));
      // Whether the caller may change the document at this revision is asked before a byte of the upload is read or
      // hashed; the transaction asks again, for a change in between.
      await load(ctx.db.prisma);
      const file = await storedFile(input);
      return ctx.db.prisma.$transaction(async (tx) => {
        const before = await load(tx);
        const link = blank(input.link);
        // Neither a new file nor a link: the stored file (if any) stays.
        const keepsFile = !file && !link && before.fileName !== null;
        const partners = await partnersOf(tx, input, before.organisationId);
        const data = fieldsOf(input, Boolean(file) || keepsFile, partners.length);
        const fileFields = file
          ? { fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256 }
          : keepsFile
            ? {}
            : NO_FILE;
        await updateAtRevision(tx, row, input.revision, { ...data, ...fileFields });
        if (file)
          await tx.evidenceFile.upsert({
            where: { evidenceId: row.id },
            create: { evidenceId: row.id, bytes: file.bytes },
            update: { bytes: file.bytes },
          });
        else if (!keepsFile) await tx.evidenceFile.deleteMany({ where: { evidenceId: row.id } });
        await writePartners(tx, row.id, partners);
        await auditChange(tx, writerOf(ctx, before.organisationId), row, 'UPDATE', before, await snapshot(tx, row.id));
        return tx.evidence.findUniqueOrThrow({ ...selection(query), where: { id: row.id } });
      });
    },
  }),
);

builder.mutationField('deleteEvidence', (t) =>
  t.id({
    description: 'Deletes an evidence document and its file; returns its id. The audit trail keeps what it was.',
    errors: mutationErrors('DeleteEvidence', [ForbiddenError, NotFoundError, ConflictError]),
    args: {
      id: t.arg.globalID({ required: true, for: Evidence }),
      revision: t.arg.int({ required: true, validate: revision }),
    },
    resolve: (_root, args, ctx) =>
      ctx.db.prisma.$transaction(async (tx) => {
        const row = { type: 'Evidence', id: args.id.id } as const;
        const before = await loadAtRevision(tx, row, args.revision, loadForChange(tx, ctx), (b) =>
          requireEditor(ctx, b.organisationId),
        );
        await deleteAtRevision(tx, row, args.revision);
        await auditChange(tx, writerOf(ctx, before.organisationId), row, 'DELETE', before, null);
        return globalIdOf(row);
      }),
  }),
);
