// The benchmark's floor: hand-written SQL run with the driver itself (better-sqlite3 or pg), no ORM. The benchmark
// runs it in its own process (no HTTP) and, through `npm run bench`'s bare server below, behind Node's HTTP server.
import { createServer } from 'node:http';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqliteFile } from '#prisma/database.ts';

export interface Floor {
  sql: string;
  params: unknown[];
}

interface FloorRunner {
  run(floor: Floor): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function openFloor(url: string): Promise<FloorRunner> {
  if (providerOf(url) === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { run: async (f) => (await client.query(f.sql, f.params)).rows, close: () => client.end() };
  }
  const sqlite = new BetterSqlite3(sqliteFile(url), { readonly: true });
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    run: async (f) => {
      // The same SQL text serves both: each $n becomes a ? with its value repeated where it recurs.
      const order = [...f.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1);
      const sql = f.sql.replace(/\$\d+/g, '?');
      const statement = statements.get(sql) ?? sqlite.prepare(sql);
      statements.set(sql, statement);
      return statement.all(...order.map((i) => f.params[i]));
    },
    close: async () => {
      sqlite.close();
    },
  };
}

/**
 * A bare Node HTTP server over the floor (started by the benchmark as `tsx scripts/bench-floor.ts <url>`): a post with
 * `{ sql, params }` gets the rows as JSON, any other post 2 KB of constant JSON. It prints its port.
 */
async function serveFloor(url: string) {
  const floor = await openFloor(url);
  const constant = JSON.stringify({ data: 'x'.repeat(2000) });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<Floor>;
      const text = body.sql ? JSON.stringify(await floor.run(body as Floor)) : constant;
      response.writeHead(200, { 'content-type': 'application/json' }).end(text);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(typeof address === 'object' && address ? address.port : '');
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await serveFloor(process.argv[2] ?? '');
