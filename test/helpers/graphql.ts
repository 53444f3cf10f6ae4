// Sends GraphQL requests through yoga.fetch, the same path HTTP clients take.

import { createGraphQLServer, type GraphQLServerOptions } from '#graphql/yoga.ts';
import type { Database } from '#prisma/client.ts';

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** A client for the API; with a token it acts as that user (Authorization: Bearer). */
export function graphqlClient(db: Database, token?: string, options?: GraphQLServerOptions) {
  const yoga = createGraphQLServer(db, options);
  return async function request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await yoga.fetch('http://grondplan.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
}

/** The SQL statements `run` sends, with the caches as they are (countQueries switches them off). */
export async function recordQueries(db: Database, run: () => Promise<unknown>): Promise<string[]> {
  db.queries.log = [];
  db.queries.recording = true;
  try {
    await run();
  } finally {
    db.queries.recording = false;
  }
  return db.queries.log;
}

/** Counts the SQL statements one operation sends, with the caches off: a cached answer would prove nothing. */
export async function countQueries(
  db: Database,
  run: () => Promise<unknown>,
): Promise<{ count: number; log: string[] }> {
  db.queries.log = [];
  db.queries.recording = true;
  const before = db.queries.count;
  const caching = process.env.GRONDPLAN_CACHE;
  process.env.GRONDPLAN_CACHE = 'off';
  try {
    await run();
  } finally {
    db.queries.recording = false;
    if (caching === undefined) delete process.env.GRONDPLAN_CACHE;
    else process.env.GRONDPLAN_CACHE = caching;
  }
  // A token's last use is written at most once a minute, so whether it falls in a measurement is chance: left out.
  const log = db.queries.log.filter((sql) => !/^UPDATE\s+[`"\w.]*ApiToken/i.test(sql.trimStart()));
  return { count: db.queries.count - before - (db.queries.log.length - log.length), log };
}

/**
 * A client as a browser or anonymous visitor: from a client address, optionally with a session cookie, to a URL of
 * choice (a forged Host, say).
 */
export function visitorClient(
  db: Database,
  {
    address,
    session,
    url = 'http://grondplan.test/graphql',
  }: { address?: string; session?: string; url?: string } = {},
) {
  const yoga = createGraphQLServer(db);
  return async function request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await yoga.fetch(
      new Request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(session ? { cookie: `gp_session=${session}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      }),
      address ? { clientAddress: address } : {},
    );
    return (await response.json()) as GraphQLResponse<T>;
  };
}

/**
 * A client as HTTP clients send requests: a Bearer token or a session cookie, from a client address (the socket's;
 * 192.0.2.1 unless `as.address` names one).
 */
export function httpClient(db: Database) {
  const yoga = createGraphQLServer(db);
  return async function call<T>(
    query: string,
    variables: Record<string, unknown> = {},
    as: { token?: string; session?: string; address?: string } = {},
  ): Promise<{ data?: T } & { errors?: { message: string }[] }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (as.token) headers.authorization = `Bearer ${as.token}`;
    if (as.session) headers.cookie = `gp_session=${as.session}`;
    const response = await yoga.fetch(
      'http://grondplan.test/graphql',
      { method: 'POST', headers, body: JSON.stringify({ query, variables }) },
      { req: { socket: { remoteAddress: as.address ?? '192.0.2.1' } } },
    );
    return (await response.json()) as { data?: T } & { errors?: { message: string }[] };
  };
}
