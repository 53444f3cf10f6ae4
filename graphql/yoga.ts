// Builds the Yoga instance and nothing else: the server's direct path, the Astro route and the tests serve requests through it.
import type { ExecutionResult } from 'graphql';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { requestUserAgent } from '#core/auth.ts';
import { requestAddress } from '#core/client-address.ts';
import type { Context } from '#core/context.ts';
import { authenticate, bearerToken } from '#core/credentials.ts';
import type { Database } from '#prisma/client.ts';
import { cachedAnswer } from './cache.ts';
import { corsOrigins, corsPolicy, useVaryOnOrigin } from './cors.ts';
import { GRAPHIQL_OPTIONS, renderDutchGraphiQL } from './graphiql.ts';
import { operationRefusal } from './guard.ts';
import { useIntrospectionForSignedIn } from './introspection.ts';
import { useQueryLimits } from './limits.ts';
import { type RateLimits, useRateLimits } from './rate-limits.ts';
import { schema } from './schema.ts';

/** Options for tests: a shorter execution time limit, rate limits of their own, introspection as in production. */
export interface GraphQLServerOptions {
  executionSeconds?: () => number;
  rateLimits?: () => RateLimits;
  introspectionNeedsSignIn?: () => boolean;
  /** False only for the sentinel walk (test/security/private-data.test.ts): see useQueryLimits. */
  sizeLimits?: boolean;
}

export function createGraphQLServer(
  db: Database,
  options: GraphQLServerOptions = {},
): YogaServerInstance<Record<string, unknown>, Context> {
  const origins = corsOrigins();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: GRAPHIQL_OPTIONS,
    // GraphiQL served from the package itself (the default page would load its scripts from a CDN), framed in Dutch.
    renderGraphiQL: renderDutchGraphiQL,
    landingPage: false,
    // Masking stays on: unexpected errors reach the client as "Unexpected error." and the log keeps the detail.
    maskedErrors: true,
    // The body limit is checked on the declared length instead (useDeclaredBodyLimit below).
    maxRequestBodySize: false,
    // Parsed and validated documents are kept (up to 1,024, each within the token limit). Without the size limits
    // (the sentinel walk, thousands of distinct documents of 100,000 characters) they would fill gigabytes: not kept.
    parserAndValidationCache: options.sizeLimits !== false,
    // Cross-origin reads only for the origins named in GRONDPLAN_CORS_ORIGINS (graphql/cors.ts).
    cors: corsPolicy(origins),
    // The query limits refuse before execution (graphql/limits.ts); the time limit wraps execution under the cache;
    // the rate limits count each request once its viewer is known (graphql/rate-limits.ts).
    plugins: [
      useDeclaredBodyLimit(),
      useRateLimits(options.rateLimits),
      useIntrospectionForSignedIn(options.introspectionNeedsSignIn),
      useCredentialLimits(),
      ...useQueryLimits(options),
      useVersionedCache(),
      useVaryOnOrigin(origins),
    ],
    context: async ({ request, ...server }) => {
      const clientAddress = requestAddress(request, socketAddress(server));
      return {
        db,
        source: 'API' as const,
        viewer: await authenticate(db, {
          bearerToken: bearerToken(request),
          sessionToken: sessionCookie(request),
          address: clientAddress,
        }),
        clientAddress,
        userAgent: requestUserAgent(request),
        origin: new URL(request.url).origin,
      };
    },
  });
}

export const SESSION_COOKIE = 'gp_session';

/** The peer address: Node's socket on the server's direct path, or what the site's /graphql route passes on. */
function socketAddress(server: Record<string, unknown>): string | undefined {
  const req = server.req as { socket?: { remoteAddress?: string } } | undefined;
  return req?.socket?.remoteAddress ?? (typeof server.clientAddress === 'string' ? server.clientAddress : undefined);
}

/** A READ token runs no mutations; a one-time password is changed before anything else (graphql/guard.ts). */
function useCredentialLimits(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = operationRefusal(args.contextValue as Context, args.document, args.operationName);
      if (refusal)
        setResultAndStopExecution({ errors: [createGraphQLError(refusal, { extensions: { code: 'FORBIDDEN' } })] });
    },
  };
}

function sessionCookie(request: Request): string | undefined {
  const cookies = request.headers.get('cookie') ?? '';
  for (const part of cookies.split(/;\s*/)) {
    const [name, ...value] = part.split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The largest request body the API takes, in bytes: Yoga's own default, for multipart uploads (the imports). */
export const MAX_REQUEST_BYTES = 25_000_000;
/**
 * The largest body of any other API request (JSON), in bytes: an operation is at most 100,000 characters and its
 * variables 64,000 (graphql/limits.ts); files travel as multipart uploads.
 */
export const MAX_JSON_BYTES = 1_000_000;

const requestError = (status: number, code: string, message: string) =>
  createGraphQLError(message, { extensions: { http: { status }, code } });

/**
 * The request body limit, checked on the declared length. Yoga's own check streams every body through a byte-counting
 * transform (a stream pipeline and a new request per call, a sixth of a cached answer's cost); Node's HTTP server reads
 * no more of a body than its Content-Length, so the header is the whole check, and a body sent in chunks of undeclared
 * length is refused. A request without either header has no body over HTTP: in process (tests, tools) it is trusted.
 */
function useDeclaredBodyLimit(): Plugin<Context> {
  return {
    onRequestParse({ request }) {
      const declared = request.headers.get('content-length');
      if (declared === null) {
        if (request.headers.has('transfer-encoding'))
          throw requestError(411, 'LENGTH_REQUIRED', 'Een verzoek moet zijn lengte opgeven (Content-Length).');
        return;
      }
      if (!/^\d+$/.test(declared))
        throw requestError(400, 'BAD_REQUEST', `Content-Length "${declared}" is geen geldige lengte.`);
      const multipart = /^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '');
      const limit = multipart ? MAX_REQUEST_BYTES : MAX_JSON_BYTES;
      if (Number(declared) > limit)
        throw requestError(
          413,
          'REQUEST_ENTITY_TOO_LARGE',
          multipart
            ? `Een verzoek mag ten hoogste ${limit} bytes zijn; dit is ${declared} bytes.`
            : `Een verzoek zonder bestanden mag ten hoogste ${limit} bytes zijn; dit is ${declared} bytes. Stuur bestanden als multipart-upload of verdeel de gegevens over meer verzoeken.`,
        );
    },
  };
}

/**
 * Read-only operations answered from the versioned cache (graphql/cache.ts): a hit skips execution and sends the
 * kept JSON text as it is; a fresh answer is serialised once, for the cache and the response alike.
 */
function useVersionedCache(): Plugin<Context> {
  return {
    onExecute({ setExecuteFn, executeFn }) {
      setExecuteFn(async (execArgs) => {
        const answer = await cachedAnswer(
          execArgs.contextValue as Context,
          execArgs.document,
          execArgs.variableValues,
          execArgs.operationName,
          async () => (await executeFn(execArgs)) as ExecutionResult,
        );
        const { text } = answer;
        if (text === null) return answer.result as ExecutionResult;
        // Yoga's response writer calls a result's own stringify when it has one.
        return { ...answer.result, stringify: () => text } as ExecutionResult;
      });
    },
  };
}
