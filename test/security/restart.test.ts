// A server that comes back: `npm start`'s supervisor restarts the server process when it dies, with a pause that
// doubles while it keeps dying, a log line that says why, and no restarts once it is asked to stop. The built hub
// itself, killed under `npm start`, is in test/e2e/availability.test.ts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { supervise } from '#scripts/supervise.ts';

const node = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the server supervisor', () => {
  it('starts the server again after it was killed, saying why', async () => {
    const lines: string[] = [];
    const supervisor = supervise({
      spawn: node('setInterval(() => {}, 1000)'),
      log: (l) => lines.push(l),
      firstDelayMs: 20,
    });
    await until(() => supervisor.child?.pid !== undefined);
    const first = supervisor.child;
    first?.kill('SIGKILL');
    await until(() => supervisor.restarts === 1 && supervisor.child !== undefined && supervisor.child !== first);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^De server \\(pid ${first?.pid}\\) is gestopt met signaal SIGKILL na \\d+\\.\\d s; hij start opnieuw over 20 ms\\.$`,
      ),
    );
    const second = supervisor.child;
    expect(await supervisor.stop()).toBe(1);
    expect(second?.signalCode).toBe('SIGTERM');
  });

  it('tries again when the server process could not be started at all', async () => {
    const lines: string[] = [];
    let tries = 0;
    const supervisor = supervise({
      // The first try names a program that does not exist: an error and no exit.
      spawn: () =>
        ++tries === 1 ? spawn('/bestaat/niet/node', [], { stdio: 'ignore' }) : node('setInterval(() => {}, 1000)')(),
      log: (l) => lines.push(l),
      firstDelayMs: 20,
    });
    await until(() => supervisor.restarts === 1 && supervisor.child?.pid !== undefined);
    expect(lines).toEqual([
      expect.stringMatching(/^De server kon niet starten: spawn .*ENOENT; hij start opnieuw over 20 ms\.$/),
    ]);
    expect(await supervisor.stop()).toBe(1);
  });

  it('waits longer each time a server keeps dying, up to a maximum', async () => {
    const lines: string[] = [];
    const supervisor = supervise({
      spawn: node('process.exit(3)'),
      log: (l) => lines.push(l),
      firstDelayMs: 10,
      maxDelayMs: 40,
    });
    await until(() => supervisor.restarts >= 4);
    await supervisor.stop();
    const delays = lines.map((l) => Number(/over (\d+) ms/.exec(l)?.[1]));
    expect(delays.slice(0, 4)).toEqual([10, 20, 40, 40]);
    expect(lines[0]).toMatch(/gestopt met exitcode 3 na/);
  });

  it('starts the pauses from the first again after a healthy run', async () => {
    const lines: string[] = [];
    let runs = 0;
    // The first two runs die at once; the third runs for 2 s, longer than the healthy period; the fourth dies at once.
    const supervisor = supervise({
      spawn: () => node(++runs === 3 ? 'setTimeout(() => process.exit(4), 2000)' : 'process.exit(5)')(),
      log: (l) => lines.push(l),
      firstDelayMs: 10,
      healthyAfterMs: 1500,
    });
    await until(() => supervisor.restarts >= 4);
    await supervisor.stop();
    expect(lines.slice(0, 4).map((l) => Number(/over (\d+) ms/.exec(l)?.[1]))).toEqual([10, 20, 10, 20]);
  });

  it('restarts nothing once it is asked to stop, also while waiting to restart', async () => {
    let spawned = 0;
    const supervisor = supervise({
      spawn: () => {
        spawned++;
        return node('process.exit(1)')();
      },
      log: () => {},
      firstDelayMs: 200,
    });
    await until(() => supervisor.restarts === 1);
    expect(await supervisor.stop()).toBe(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(spawned).toBe(1);
    const running = supervise({ spawn: node('setInterval(() => {}, 1000)'), log: () => {} });
    const child = running.child;
    const exited = child ? once(child, 'exit') : Promise.resolve();
    await running.stop('SIGINT');
    await exited;
    expect(child?.signalCode).toBe('SIGINT');
    expect(running.restarts).toBe(0);
  });
});
