// `npm start`: migrate and (on first start) seed the database, then serve the built hub in a process of its own,
// with the server's V8 settings and without the migration engine's memory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../prisma/database.ts';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './built-server.ts';
import { prepareDatabase } from './prepare-db.ts';

const entry = path.join(projectRoot, 'dist', 'server', 'entry.mjs');
if (!existsSync(entry)) {
  console.error('No build found: run `npm run build` first (npm start does this for you).');
  process.exit(1);
}
await prepareDatabase();
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], {
  env: { ...process.env, ...SERVER_ENV, HOST: process.env.HOST ?? 'localhost', PORT: process.env.PORT ?? '4321' },
  stdio: 'inherit',
});
// Stopping `npm start` stops the server; the server's exit code is this process's.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
