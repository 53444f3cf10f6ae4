// Starts the built hub (dist/server/entry.mjs) in a process of its own on a free loopback port, as the benchmarks and
// the browser tests run it, and waits until it answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { projectRoot } from '#prisma/database.ts';

/**
 * V8 settings for the server process, in production (`npm start`) and in every benchmark and browser test alike:
 * young-generation space of 16 MB instead of V8's default that grows to 64 MB, and an old generation collected
 * before it passes 256 MB. Live data after a collection is about 90 MB at national scale (PERFORMANCE.md).
 * `npm run import` (package.json) runs with the same two flags, so that an import from the command line costs what it
 * costs on the upload pages.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=256'];

/** The server runs as production: libraries outside the bundle (graphql-js among them) skip their development checks. */
export const SERVER_ENV = { NODE_ENV: 'production' };

export interface BuiltServer {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The server on `databaseUrl`, with extra environment; its output is kept and shown if it exits before answering. */
export async function startBuiltServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BuiltServer> {
  const entry = path.join(projectRoot, 'dist', 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error('Build first: npm run build.');
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], {
    env: { ...process.env, ...SERVER_ENV, ...env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  let stopping = false;
  // A server that dies under load says why, instead of leaving only a closed socket behind.
  child.once('exit', (code, signal) => {
    if (!stopping && child.killed === false)
      console.error(`The hub exited (${code ?? signal}):\n${output.slice(-4000)}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The hub exited early:\n${output}`);
    if (
      await fetch(`${baseUrl}/inloggen`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      break;
    if (Date.now() > deadline) throw new Error(`The hub did not answer within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    stop: async () => {
      // Exited already: with a code, or killed by a signal (an out-of-memory abort has no exit code).
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r).once('error', r));
    },
  };
}
