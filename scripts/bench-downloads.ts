// The benchmark's downloads: the biggest files the pages offer, fetched as a browser does (session cookie, one kept-alive
// connection), timed with the server's caches on and off, with their size and the server's peak memory.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface DownloadOperation {
  name: string;
  path: string;
}

export interface DownloadRow {
  name: string;
  megabytes: number;
  p50Ms: number;
  p95Ms: number;
  uncachedP50Ms: number;
  uncachedP95Ms: number;
  /** Peak resident memory of the server process with caches on and off, after its downloads. */
  peakRssMb: number;
  uncachedPeakRssMb: number;
}

/** Twelve landscapes side by side as one ArchiMate file (the biggest export), and the largest landscape's workbook. */
export function downloadOperations(subject: string, twelve: string[]): DownloadOperation[] {
  return [
    {
      name: 'download of twelve compared landscapes',
      path: `/vergelijk/archimate.xml?${twelve.map((slug) => `org=${encodeURIComponent(slug)}`).join('&')}`,
    },
    { name: 'download of a landscape workbook', path: `/organisaties/${subject}/gebruik.xlsx` },
  ];
}

/** A GET of `path` with the session; resolves to the body's length in bytes and refuses anything but a 200 attachment. */
export function downloadCall(base: string, path: string, session: string): () => Promise<number> {
  const target = new URL(path, base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return () =>
    new Promise<number>((resolve, reject) => {
      const request = http.get(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          agent,
          headers: { cookie: `gp_session=${session}` },
        },
        (response) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.byteLength;
          });
          response.on('end', () =>
            response.statusCode === 200 && /^attachment/.test(String(response.headers['content-disposition']))
              ? resolve(bytes)
              : reject(new Error(`${path}: status ${response.statusCode}`)),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
}

/** Peak resident memory of a child process (VmHWM), in MB. */
export function peakRssOf(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 10.24) / 100;
}

export function printDownloads(rows: DownloadRow[]): void {
  if (rows.length === 0) return;
  console.log(
    '\ndownload (GET with a session, one client)          MB   p50 ms   p95 ms  uncached p50 / p95  peak RSS MB (uncached)',
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(44)}${String(r.megabytes).padStart(9)}${String(r.p50Ms).padStart(9)}${String(r.p95Ms).padStart(9)}${`${r.uncachedP50Ms} / ${r.uncachedP95Ms}`.padStart(20)}${`${r.peakRssMb} (${r.uncachedPeakRssMb})`.padStart(24)}`,
    );
}
