// Limits of the Node HTTP server itself, so that slow or many idle connections cannot hold the hub: a request must
// send its headers within 10 seconds and its whole body within 60, and the server keeps at most
// GRONDPLAN_MAX_CONNECTIONS connections open (default 1,000); one more is closed at once.
import type { Server } from 'node:http';
import { DEFAULT_MAX_CONNECTIONS, type Env, trySetting } from '#core/config.ts';

export interface ServerLimits {
  /** Milliseconds for the request headers. */
  headersTimeout: number;
  /**
   * Milliseconds for the whole request, body included. 60 seconds: the largest upload (25 MB) then needs an upload
   * speed of about 3.5 Mbit/s, which every office and home line of today has; a form takes a fraction of a second.
   */
  requestTimeout: number;
  /** Connections open at once (GRONDPLAN_MAX_CONNECTIONS). */
  maxConnections: number;
  /** How often Node checks the two timeouts, in milliseconds (its own default is 30 seconds). */
  checkInterval: number;
}

export { DEFAULT_MAX_CONNECTIONS };

/** The limits; a GRONDPLAN_MAX_CONNECTIONS the start's check (core/config.ts) would refuse counts as the default here. */
export function serverLimits(env?: Env): ServerLimits {
  const connections = trySetting('GRONDPLAN_MAX_CONNECTIONS', env);
  return {
    headersTimeout: 10_000,
    requestTimeout: 60_000,
    maxConnections: connections.ok ? connections.value : DEFAULT_MAX_CONNECTIONS,
    checkInterval: 2_000,
  };
}

/** Sets the limits on `server`; the check interval is a createServer option (`connectionsCheckingInterval`). */
export function applyServerLimits(server: Server, limits: ServerLimits = serverLimits()): Server {
  server.headersTimeout = limits.headersTimeout;
  server.requestTimeout = limits.requestTimeout;
  server.maxConnections = limits.maxConnections;
  return server;
}
