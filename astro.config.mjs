// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
  // Forms post same-origin only; Astro refuses cross-site form posts (CSRF) with this on.
  security: { checkOrigin: true },
  // Sign-in sessions live in the database (graphql/auth.ts), shared by every instance; Astro's own session store would
  // default to files on one machine's disk, so it is switched off.
  session: false,
  devToolbar: { enabled: false },
  vite: {
    // Native and generated database code stays outside the bundle and is loaded from node_modules at run time.
    ssr: { external: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', '@prisma/client'] },
  },
});
