// Evaluated before the node adapter's module, which would otherwise open a server of its own: site/server/entry.ts listens.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
