// The mixed benchmark's draws and its check of answers (scripts/bench-mixed-client.ts): repeatable, skewed as Zipf's
// law says, and an answer with GraphQL errors is never counted as a good one.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cacheCountsOf, kindAt, problemOf, seeded, send, zipf } from '#scripts/bench-mixed-client.ts';
import { memoryLine, shareLine } from '#scripts/bench-mixed-report.ts';

describe('the mixed benchmark client', () => {
  it('draws the same numbers from the same seed, and others from another', () => {
    const a = seeded(1);
    const b = seeded(1);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, seeded(2))).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws rank r about 1/(r+1) as often as rank 0', () => {
    const rank = zipf(400);
    const random = seeded(3);
    const counts = new Array<number>(400).fill(0);
    for (let i = 0; i < 200_000; i++) {
      const r = rank(random());
      counts[r] = (counts[r] ?? 0) + 1;
    }
    const top = counts[0] ?? 0;
    // H(400) = 6.58: the largest organisation gets about 15 % of the draws, the tenth about a tenth of that.
    expect(top / 200_000).toBeCloseTo(1 / 6.58, 2);
    expect((counts[9] ?? 0) / top).toBeCloseTo(0.1, 1);
    expect(counts[399]).toBeGreaterThan(0);
    expect(rank(0)).toBe(0);
    expect(rank(0.999_999)).toBe(399);
  });

  it('picks a kind by its weight', () => {
    const kinds = [{ weight: 25 }, { weight: 10 }, { weight: 65 }];
    expect(kindAt(kinds, 0)).toBe(kinds[0]);
    expect(kindAt(kinds, 24.9)).toBe(kinds[0]);
    expect(kindAt(kinds, 25)).toBe(kinds[1]);
    expect(kindAt(kinds, 99.9)).toBe(kinds[2]);
  });

  it('finds what is wrong with an answer: its status, or the first GraphQL error', () => {
    expect(problemOf({ status: 200, text: '' })).toBeNull();
    expect(problemOf({ status: 200, text: '{"data":{"search":[{"title":"\\"errors\\": nee"}]}}' })).toBeNull();
    expect(problemOf({ status: 502, text: '' })).toBe('HTTP 502');
    expect(problemOf({ status: 200, text: '{"errors":[{"message":"Niet gevonden"}],"data":null}' })).toBe(
      'GraphQL: Niet gevonden',
    );
  });

  it('sends once more when a kept-alive connection is closed before its request is read, and only then', async () => {
    // A server that drops a connection at its second request (as one closing an idle connection just as a request
    // comes) or, with `dropFirst`, at every request.
    const serve = (dropFirst: boolean) => {
      const perSocket = new WeakMap<object, number>();
      let requests = 0;
      const server = http.createServer((request, response) => {
        requests++;
        const n = (perSocket.get(request.socket) ?? 0) + 1;
        perSocket.set(request.socket, n);
        if (dropFirst || n === 2) request.socket.destroy();
        else response.end('{"data":{}}');
      });
      return new Promise<{ base: URL; requests: () => number; close: () => void }>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve({
            base: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
            requests: () => requests,
            close: () => server.close(),
          }),
        ),
      );
    };
    const request = { path: '/graphql', body: '{}' };
    const reused = await serve(false);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await send(agent, reused.base, request, {})).status).toBe(200);
      expect((await send(agent, reused.base, request, {})).status).toBe(200);
      expect(reused.requests()).toBe(3);
    } finally {
      agent.destroy();
      reused.close();
    }
    const fresh = await serve(true);
    const other = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await expect(send(other, fresh.base, request, {})).rejects.toThrow();
      expect(fresh.requests()).toBe(1);
    } finally {
      other.destroy();
      fresh.close();
    }
  });

  it('reads the cache counts a process prints on SIGUSR2, and none from a process that has exited', async () => {
    // Prints other lines, and the counts' line in two pieces, as a busy server's output may come.
    const program = `process.on('SIGUSR2', () => {
      process.stdout.write('Grondplan luistert\\ncache counts {"answers":{"found":3,');
      setTimeout(() => process.stdout.write('"shared":1,"computed":2,"uncached":1},"pages":{"found":0,"shared":0,"computed":5,"uncached":2}}\\n'), 50);
    });
    console.log('klaar');
    setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', program], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      expect(await cacheCountsOf(child)).toEqual({
        answers: { found: 3, shared: 1, computed: 2, uncached: 1 },
        pages: { found: 0, shared: 0, computed: 5, uncached: 2 },
      });
    } finally {
      child.kill();
    }
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await cacheCountsOf(child)).toBeNull();
  });

  it('gives no counts, at once, from a server that stops on the signal (one built before it printed them)', async () => {
    const child = spawn(process.execPath, ['-e', `console.log('klaar'); setInterval(() => {}, 1000);`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const asked = Date.now();
    expect(await cacheCountsOf(child)).toBeNull();
    // Not after the five seconds it waits for a server that says nothing.
    expect(Date.now() - asked).toBeLessThan(4000);
  });

  it("prints the server's memory with what lies outside V8's heap and its external memory", () => {
    expect(memoryLine({ rss: 512, heapTotal: 250, heapUsed: 180.5, external: 40.2, arrayBuffers: 30 })).toBe(
      'RSS 512 MB: V8 heap 250 MB (180.5 used), external 40.2 MB (array buffers 30), the rest 221.8 MB',
    );
  });

  it('prints the counts as shares of all', () => {
    expect(shareLine({ found: 62, shared: 4, computed: 30, uncached: 4 })).toBe(
      '62 % found, 4 % shared, 30 % computed, 4 % uncached of 100',
    );
    expect(shareLine({ found: 0, shared: 0, computed: 0, uncached: 0 })).toBe(
      '0 % found, 0 % shared, 0 % computed, 0 % uncached of 0',
    );
  });
});
