// `npm start`: migrate and (on first start) seed the database, then serve the built hub.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../prisma/database.ts';
import { prepareDatabase } from './prepare-db.ts';

const entry = path.join(projectRoot, 'dist', 'server', 'entry.mjs');
if (!existsSync(entry)) {
  console.error('No build found: run `npm run build` first (npm start does this for you).');
  process.exit(1);
}
await prepareDatabase();
process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
await import(pathToFileURL(entry).href);
