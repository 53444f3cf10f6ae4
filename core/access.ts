// The write rules, in one place: who may change which organisation's data, shared products and suppliers.
import type { Tx } from '#prisma/transaction.ts';
import { type Context, hasRole, type Viewer } from './context.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new ForbiddenError('Log in om gegevens te wijzigen.');
  return ctx.viewer;
}

/** The shared reference data (organisations, the GEMMA model) is Grondplan's own: instance administrators change it. */
export function requireInstanceAdmin(ctx: Context, message: string): Viewer {
  const viewer = requireViewer(ctx);
  if (!viewer.isInstanceAdmin) throw new ForbiddenError(message);
  return viewer;
}

/** Editors and admins change their own organisation's landscape; nobody changes another's. */
export function requireEditor(ctx: Context, organisationId: string): Viewer {
  const viewer = requireViewer(ctx);
  if (!hasRole(viewer, organisationId, 'EDITOR'))
    throw new ForbiddenError('Je mag alleen gegevens van je eigen organisatie wijzigen.');
  return viewer;
}

/** Shared catalogue entries (products, suppliers) are changed by the organisation that added them, or an instance administrator. */
export function requireCatalogueEditor(ctx: Context, addedById: string | null): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.isInstanceAdmin) return viewer;
  if (addedById && hasRole(viewer, addedById, 'EDITOR')) return viewer;
  throw new ForbiddenError(
    'Alleen de organisatie die dit heeft toegevoegd, of een beheerder van Grondplan, mag het wijzigen.',
  );
}

/** A programme belongs to its owners together: an administrator of any owner, or an instance administrator, changes it. */
export function requireProgrammeAdmin(ctx: Context, ownerIds: string[]): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.isInstanceAdmin || ownerIds.some((id) => hasRole(viewer, id, 'ADMIN'))) return viewer;
  throw new ForbiddenError('Alleen een beheerder van een eigenaar van dit programma mag het wijzigen.');
}

const ORGANISATION = { id: true, slug: true, name: true, emailDomains: true } as const;

/** The organisation a change names by its slug; NotFoundError when there is none. */
export async function organisationBySlug(client: Pick<Tx, 'organisation'>, slug: string) {
  const organisation = await client.organisation.findUnique({ where: { slug }, select: ORGANISATION });
  if (!organisation) throw new NotFoundError('Organisatie', slug);
  return organisation;
}

/** The organisation a change names by its slug, and the viewer as one of its editors (else ForbiddenError). */
export async function editorOf(client: Pick<Tx, 'organisation'>, ctx: Context, slug: string) {
  const organisation = await organisationBySlug(client, slug);
  return { organisation, viewer: requireEditor(ctx, organisation.id) };
}
