// The mixed workload's client (scripts/bench-mixed.ts): seeded draws, and one request at a time on a kept-alive
// connection, with what is wrong with its answer. Light on purpose: it shares the machine's cores with the server.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { CACHE_COUNTS_LINE, type ServerReading } from '#core/cache-counts.ts';

/** A seeded generator of numbers in [0, 1) (mulberry32): the same seed, the same requests in the same order. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Zipf draw (s = 1) over ranks 0..n-1: rank r with weight 1/(r+1), by a binary search of the cumulative weights. */
export function zipf(n: number) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1);
    cumulative[i] = sum;
  }
  return (u: number) => {
    const x = u * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface Request {
  path: string;
  /** The GraphQL request's JSON; none for a page. */
  body?: string;
}

export interface Answer {
  status: number;
  /** The body as text for GraphQL answers; empty for pages, whose bytes are only counted off. */
  text: string;
}

/**
 * One request on the client's own kept-alive connection. A kept-alive connection the server closed as idle just as the
 * request went out is reset before the server read it; the request then goes once more on a new connection, as Node's
 * documentation advises and browsers do (`reusedSocket`), instead of counting the race as the hub's error.
 */
export async function send(
  agent: http.Agent,
  base: URL,
  request: Request,
  headers: Record<string, string>,
): Promise<Answer> {
  try {
    return await sendOnce(agent, base, request, headers);
  } catch (error) {
    if (!(error instanceof ClosedWhileIdle)) throw error;
    return sendOnce(agent, base, request, headers);
  }
}

class ClosedWhileIdle extends Error {}

function sendOnce(agent: http.Agent, base: URL, request: Request, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: request.path,
        method: request.body ? 'POST' : 'GET',
        agent,
        headers: request.body ? { 'content-type': 'application/json', ...headers } : headers,
      },
      (response) => {
        answered = true;
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        // A page's bytes are only counted off; a GraphQL answer is kept to be checked.
        response.on('data', (chunk: Buffer) => request.body && chunks.push(chunk));
        response.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
        // A connection that closes before the answer is complete (the server died, or closed it) is an error too.
        response.on('close', () => response.complete || reject(new Error('answer cut off')));
      },
    );
    outgoing.setTimeout(60_000, () => outgoing.destroy(new Error('no answer within 60 s')));
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        !answered && outgoing.reusedSocket && error.code === 'ECONNRESET'
          ? new ClosedWhileIdle('closed while idle')
          : error,
      ),
    );
    outgoing.end(request.body);
  });
}

/** Why an answer is not a good one, or null: status 200 and, for GraphQL, no `errors` (parsed only when present). */
export function problemOf(answer: Answer): string | null {
  if (answer.status !== 200) return `HTTP ${answer.status}`;
  if (!answer.text.includes('"errors":')) return null;
  const errors = (JSON.parse(answer.text) as { errors?: { message: string }[] }).errors;
  return errors?.length ? `GraphQL: ${errors[0]?.message}` : null;
}

/** Server CPU seconds so far (utime + stime from /proc/<pid>/stat, at the usual 100 ticks a second); NaN once it is gone. */
export function cpuSecondsOf(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return Number.NaN; // the process is gone
  }
  const fields = stat.split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The kind a draw in [0, total weight) falls on. */
export function kindAt<K extends { weight: number }>(kinds: K[], x: number): K | undefined {
  let left = x;
  for (const kind of kinds) {
    left -= kind.weight;
    if (left < 0) return kind;
  }
  return kinds.at(-1);
}

/**
 * The server's cache counts and memory (core/cache-counts.ts), which it prints on SIGUSR2: null when no such line comes within five
 * seconds (a server that has exited, or one built before it printed them).
 */
export function cacheCountsOf(child: ChildProcess): Promise<ServerReading | null> {
  const output = child.stdout;
  if (!output || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
  return new Promise((resolve) => {
    let seen = '';
    const done = (counts: ServerReading | null) => {
      output.off('data', listen);
      child.off('exit', exited);
      clearTimeout(timer);
      resolve(counts);
    };
    // A server built before it printed its counts stops on the signal.
    const exited = () => done(null);
    const listen = (data: Buffer) => {
      seen += data.toString();
      // Complete lines only: the last piece may still be growing.
      const line = seen
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith(CACHE_COUNTS_LINE));
      if (!line) return;
      try {
        done(JSON.parse(line.slice(CACHE_COUNTS_LINE.length)) as ServerReading);
      } catch {
        done(null);
      }
    };
    const timer = setTimeout(() => done(null), 5000);
    output.on('data', listen);
    child.once('exit', exited);
    child.kill('SIGUSR2');
  });
}
