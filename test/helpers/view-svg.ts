// Reads a drawn GEMMA view back: each tile's usage, reference component, organisation and accessible name, and each
// "+N" with the usages it stands for, so tests compare the drawing with the landscape data it was drawn from.
export interface ParsedTile {
  usage: string;
  component: string;
  organisation: string;
  node: string;
  label: string;
  href: string;
}

const attr = (tag: string, name: string) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? (m[1] as string) : null;
};
const unescapeXml = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? e,
  );

export function parseTiles(svg: string): ParsedTile[] {
  return [...svg.matchAll(/<a class="tegel"[^>]*><title>([^<]*)<\/title>/g)].map(([tag, title]) => ({
    usage: attr(tag, 'data-usage') ?? '',
    component: attr(tag, 'data-component') ?? '',
    organisation: attr(tag, 'data-organisation') ?? '',
    node: attr(tag, 'data-node') ?? '',
    label: unescapeXml(title ?? ''),
    href: unescapeXml(attr(tag, 'href') ?? ''),
  }));
}

/** The "+N" marks: per box and organisation, the usages that have no tile of their own there. */
export function parseOverflows(svg: string): { node: string; organisation: string; hidden: string[] }[] {
  return [...svg.matchAll(/<g class="meer"[^>]*>/g)].map(([tag]) => ({
    node: attr(tag, 'data-node') ?? '',
    organisation: attr(tag, 'data-organisation') ?? '',
    hidden: (attr(tag, 'data-hidden') ?? '').split(' ').filter(Boolean),
  }));
}

/** The reference components' boxes: node id, component id and whether it is drawn empty. */
export function parseComponentBoxes(svg: string): { node: string; component: string; empty: boolean }[] {
  return [...svg.matchAll(/<g data-node="([^"]*)" data-component="([^"]*)"( data-empty="true")?>/g)].map((m) => ({
    node: m[1] as string,
    component: m[2] as string,
    empty: Boolean(m[3]),
  }));
}
