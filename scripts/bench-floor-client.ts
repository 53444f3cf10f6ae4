// The benchmark's side of the floor behind HTTP: starts scripts/bench-floor.ts's bare server in a process of its own and
// sends it the floor's SQL (or nothing, for loopback HTTP alone) on one kept-alive connection per body.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '#prisma/database.ts';
import type { Floor } from './bench-floor.ts';
import { post } from './bench-http.ts';

/**
 * The floor behind HTTP: a bare Node server in a process of its own (scripts/bench-floor.ts) that runs the same SQL with
 * the driver and sends the rows as JSON. Its constant answer (2 KB) is what loopback HTTP alone costs on this machine.
 */
export async function bareFloorServer(url: string): Promise<{ send(floor?: Floor): Promise<string>; stop(): void }> {
  const bare = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'bench-floor.ts'), url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    bare.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  const senders = new Map<string, () => Promise<string>>();
  return {
    send: (floor) => {
      const body = JSON.stringify(floor ?? {});
      const send = senders.get(body) ?? post(`http://127.0.0.1:${port}`, '/', body, {});
      senders.set(body, send);
      return send();
    },
    stop: () => bare.kill(),
  };
}
