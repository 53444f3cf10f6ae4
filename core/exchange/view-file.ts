// A landscape drawn on a GEMMA view as a file: SVG, or PNG rendered on the server by resvg (system fonts, no browser).
// Read straight from the database like the other downloads: the view's nodes, the reference components' names and
// each organisation's usages (public fields only: product, architecture class, status, reference components).
import { Resvg } from '@resvg/resvg-js';
import type { Database } from '#prisma/client.ts';
import { todayNl } from '../dates.ts';
import { drawView } from '../gemma-view-draw.ts';
import type { ColourBy, ViewOrganisation } from '../gemma-view-layout.ts';
import { loadLandscapeInputs, statusesOn } from '../landscape-load.ts';

export type ViewFormat = 'svg' | 'png';

export interface ViewFileRequest {
  code: string;
  /** The organisations, in lane order; the first is the page's own. */
  slugs: readonly string[];
  colourBy: ColourBy;
  group?: string | null;
  /** The landscape of that day (core/landscape-at.ts) instead of as registered. */
  day?: Date | null;
  /** A usage's page, for the tiles' links. */
  hrefOf: (organisation: string, usageKey: string) => string;
}

/** The view and the landscapes as the drawing needs them; null when the view or an organisation does not exist. */
export async function loadViewDrawing(db: Database, code: string, slugs: readonly string[]) {
  const p = db.prisma;
  const [view, components, organisations] = await Promise.all([
    p.gemmaView.findUnique({ where: { code }, include: { nodes: { orderBy: { position: 'asc' } } } }),
    p.referenceComponent.findMany({ select: { id: true, name: true } }),
    p.organisation.findMany({
      where: { slug: { in: [...slugs] } },
      select: {
        id: true,
        slug: true,
        name: true,
        usages: {
          select: {
            id: true,
            key: true,
            status: true,
            product: { select: { name: true, architecture: true } },
            referenceComponents: { select: { referenceComponentId: true } },
          },
        },
      },
    }),
  ]);
  const bySlug = new Map(organisations.map((o) => [o.slug, o]));
  if (!view || slugs.some((s) => !bySlug.has(s))) return null;
  return {
    view,
    components: new Map(components.map((c) => [c.id, c.name])),
    organisations: slugs.map((s) => bySlug.get(s) as (typeof organisations)[number]),
  };
}

/** The drawing as a file; null when the view or an organisation does not exist. */
export async function viewFile(
  db: Database,
  request: ViewFileRequest,
  format: ViewFormat,
): Promise<string | Uint8Array | null> {
  const loaded = await loadViewDrawing(db, request.code, request.slugs);
  if (!loaded) return null;
  const { day } = request;
  // On a day: each usage's status then, those not in the landscape that day left out.
  const inputs = day
    ? await loadLandscapeInputs(
        db,
        loaded.organisations.map((o) => o.id),
      )
    : [];
  const organisations: ViewOrganisation[] = loaded.organisations.map((o, i) => {
    const on = day && inputs[i] ? statusesOn(inputs[i], day, todayNl()) : null;
    return {
      slug: o.slug,
      name: o.name,
      usages: o.usages.flatMap((u) => {
        const status = on ? on.get(u.id) : u.status;
        if (!status) return [];
        const { name, architecture } = u.product;
        const referenceComponentIds = u.referenceComponents.map((c) => c.referenceComponentId);
        return [{ id: u.id, name, href: request.hrefOf(o.slug, u.key), architecture, status, referenceComponentIds }];
      }),
    };
  });
  const { svg } = drawView({
    view: loaded.view,
    nodes: loaded.view.nodes,
    components: loaded.components,
    organisations,
    colourBy: request.colourBy,
    group: request.group,
    pixelSize: true,
  });
  return format === 'svg' ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}` : svgToPng(svg);
}

/** Renders SVG text as PNG with the system's fonts (DejaVu Sans, else Liberation Sans). */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
