// Starts the built hub (dist/server/entry.mjs) on a free loopback port against a migrated, seeded throwaway database.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

/** An admin (and so an editor) of Emmen the browser tests sign in as. */
export const EDITOR = { email: 'redacteur@emmen.test', password: 'een lang en geheim wachtwoord' };
/** An instance administrator, who keeps the GEMMA model. */
export const INSTANCE_ADMIN = { email: 'beheerder@grondplan.test', password: 'een ander lang geheim wachtwoord' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningHub {
  baseUrl: string;
  stop(): Promise<void>;
}

/** A hub on its own throwaway database with the test users, or (given a database) one more instance of a shared one. */
export async function startHub(shared?: TestDatabase): Promise<RunningHub> {
  const entry = path.join(projectRoot, 'dist', 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error('Build first: npm run build (npm run test:e2e does).');
  const database: TestDatabase = shared ?? (await createTestDatabase());
  if (!shared) {
    await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
    await createUser(database.db, INSTANCE_ADMIN.email, [], { password: INSTANCE_ADMIN.password, instanceAdmin: true });
  }
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...process.env, DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The hub exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r).once('error', r));
      if (!shared) await database.drop();
    },
  };
}
