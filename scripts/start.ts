// `npm start`: migrate and (on first start) seed the database, then serve the built hub in a process of its own,
// with the server's V8 settings and without the migration engine's memory; restarted when it dies (scripts/supervise.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkConfig, setting } from '#core/config.ts';
import { checkMailSettings } from '#core/mail.ts';
import { projectRoot } from '#prisma/database.ts';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './built-server.ts';
import { prepareDatabase } from './prepare-db.ts';
import { supervise } from './supervise.ts';

const entry = path.join(projectRoot, 'dist', 'server', 'entry.mjs');
if (!existsSync(entry)) {
  console.error('No build found: run `npm run build` first (npm start does this for you).');
  process.exit(1);
}
// A wrong setting, or half-configured mail settings, stop `npm start` here with what is wrong, instead of a server
// that keeps restarting.
try {
  checkConfig();
  checkMailSettings();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await prepareDatabase();
const supervisor = supervise({
  spawn: () => {
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], {
      env: {
        ...process.env,
        ...SERVER_ENV,
        HOST: setting('HOST') ?? 'localhost',
        PORT: String(setting('PORT') ?? 4321),
      },
      stdio: 'inherit',
    });
    console.error(`De server draait als pid ${child.pid}.`);
    return child;
  },
});
// Stopping `npm start` stops the server and its restarts; the server's exit code is this process's.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void supervisor.stop(signal).then((code) => process.exit(code)));
// The server prints its cache counts on SIGUSR2 (site/server/entry.ts). Sent to this process (not to npm or tsx above
// it, which stop on it), it is passed on instead of stopping it.
process.on('SIGUSR2', () => supervisor.child?.kill('SIGUSR2'));
