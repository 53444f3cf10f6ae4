// The download of an evidence document's file: only for the readers its visibility names (core/evidence.ts), anyone
// else gets the same 404 as for a document that does not exist, so nothing tells that it does. The file goes out as an
// attachment with the type detected at upload, never sniffed, sandboxed, and kept by no cache.

import type { Context } from '#core/context.ts';
import { mayReadEvidence } from '#core/evidence.ts';
import { attachmentDisposition } from '#core/evidence-file.ts';

export const EVIDENCE_NOT_FOUND = 'Dit bewijsstuk bestaat niet, of je mag het niet inzien.';

const notFound = () =>
  new Response(EVIDENCE_NOT_FOUND, {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' },
  });

/** The response for `/pakketten/<productSlug>/bewijs/<key>` as `context`'s viewer asks it. */
export async function evidenceDownload(context: Context, productSlug: string, key: string): Promise<Response> {
  // Anonymous visitors cost one comparison: no statement is sent.
  if (!context.viewer || !/^[a-z0-9]{1,40}$/.test(key)) return notFound();
  const doc = await context.db.prisma.evidence.findUnique({
    where: { id: key },
    select: {
      organisationId: true,
      visibility: true,
      fileName: true,
      contentType: true,
      product: { select: { slug: true } },
      partners: { select: { partnerId: true } },
    },
  });
  if (
    !doc ||
    doc.product.slug !== productSlug ||
    !doc.fileName ||
    !doc.contentType ||
    !mayReadEvidence(context.viewer, { ...doc, partnerIds: doc.partners.map((p) => p.partnerId) })
  )
    return notFound();
  const file = await context.db.prisma.evidenceFile.findUnique({ where: { evidenceId: key } });
  if (!file) return notFound();
  return new Response(file.bytes as BodyInit, {
    headers: {
      'content-type': doc.contentType,
      'content-length': String(file.bytes.length),
      'content-disposition': attachmentDisposition(doc.fileName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    },
  });
}
