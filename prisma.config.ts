import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { databaseSetting, databaseUrl, projectRoot, providerDirs, providerOf } from './prisma/database.ts';

// Prisma's CLI would download a native schema engine; this bridge runs the WebAssembly engine instead. Written to the
// environment, not read: the CLI reads it from there.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(projectRoot, 'prisma', 'engine', 'schema-engine.mjs');

const url = databaseUrl();
const dirs = providerDirs(providerOf(url));
const shadowDatabaseUrl = databaseSetting('SHADOW_DATABASE_URL');

export default defineConfig({
  schema: dirs.schema,
  migrations: { path: dirs.migrations, seed: 'tsx prisma/seed/cli.ts' },
  datasource: shadowDatabaseUrl ? { url, shadowDatabaseUrl } : { url },
});
