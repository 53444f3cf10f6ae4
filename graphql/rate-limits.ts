// Rate limits per client address and per API token (rate-limiter-flexible, in memory: each instance counts its own
// requests, so behind a load balancer a client gets each instance's budget). Separate budgets per minute for anonymous
// requests, for signed-in browsers, for each API token, and for expensive operations (exports, imports, costly
// queries). Over a budget, the answer is 429 with Retry-After and a Dutch message. Pages count in the middleware
// (site/middleware.ts), the API in the Yoga plugin below; a request without a client address was made in process
// (pages' own queries, tests, tools) and is not counted.
import type { BlockList } from 'node:net';
import { type DocumentNode, getOperationAST, Kind } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sha256 } from '#core/auth.ts';
import { clientAddress, requestClient, trustedProxies } from '#core/client-address.ts';
import { DEFAULT_RATE_LIMITS, type Env, rateLimitsEnabled, type SettingName, setting } from '#core/config.ts';
import type { Context } from '#core/context.ts';
import { EXPENSIVE_COST, operationCost } from './query-cost.ts';
import { schema } from './schema.ts';

export type Budget = 'anonymous' | 'signedIn' | 'token' | 'expensive';

interface RateLimitConfig {
  enabled: boolean;
  /** Requests per window for each budget. */
  points: Record<Budget, number>;
  windowSeconds: number;
}

export { DEFAULT_RATE_LIMITS };

const ENV = {
  anonymous: 'GRONDPLAN_RATE_LIMIT_ANONYMOUS',
  signedIn: 'GRONDPLAN_RATE_LIMIT_SIGNED_IN',
  token: 'GRONDPLAN_RATE_LIMIT_TOKEN',
  expensive: 'GRONDPLAN_RATE_LIMIT_EXPENSIVE',
} as const satisfies Record<Budget, SettingName>;

/** The limits from the environment (core/config.ts): GRONDPLAN_RATE_LIMITS=off switches them off (the benchmark), each budget has its variable. */
export function rateLimitConfig(env?: Env): RateLimitConfig {
  const points = Object.fromEntries(
    (Object.keys(ENV) as Budget[]).map((budget) => [budget, setting(ENV[budget], env)]),
  ) as Record<Budget, number>;
  return { enabled: rateLimitsEnabled(env), points, windowSeconds: 60 };
}

interface Refusal {
  retryAfterSeconds: number;
  message: string;
}

const MESSAGES: Record<Budget, string> = {
  anonymous: 'Er komen te veel verzoeken zonder inloggen van dit adres.',
  signedIn: 'Er komen te veel verzoeken van dit adres.',
  token: 'Er komen te veel verzoeken met dit API-token.',
  expensive: 'Er komen te veel zware verzoeken (exports, imports of grote opvragingen) van dit adres of token.',
};

export const refusalMessage = (budget: Budget, seconds: number) =>
  `${MESSAGES[budget]} Probeer het over ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'} opnieuw.`;

export class RateLimits {
  readonly config: RateLimitConfig;
  private readonly limiters: Record<Budget, RateLimiterMemory>;

  constructor(config: RateLimitConfig = rateLimitConfig()) {
    this.config = config;
    const limiter = (budget: Budget) =>
      new RateLimiterMemory({ keyPrefix: budget, points: config.points[budget], duration: config.windowSeconds });
    this.limiters = {
      anonymous: limiter('anonymous'),
      signedIn: limiter('signedIn'),
      token: limiter('token'),
      expensive: limiter('expensive'),
    };
  }

  /** Counts one request against `budget` for `key`; a refusal when the budget is spent. */
  async consume(budget: Budget, key: string): Promise<Refusal | null> {
    if (!this.config.enabled) return null;
    try {
      await this.limiters[budget].consume(key);
      return null;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      return { retryAfterSeconds, message: refusalMessage(budget, retryAfterSeconds) };
    }
  }
}

let shared: RateLimits | undefined;
/** The instance's own limits, configured from the environment on first use. */
export function hubRateLimits(): RateLimits {
  shared ??= new RateLimits();
  return shared;
}

/** The budget a request counts against, and under which key. */
function requestBudget(
  address: string,
  viewer: Context['viewer'],
  bearerToken: string | undefined,
): { budget: Budget; key: string } {
  if (viewer?.via === 'API' && bearerToken) return { budget: 'token', key: sha256(bearerToken) };
  return viewer ? { budget: 'signedIn', key: address } : { budget: 'anonymous', key: address };
}

/** Mutations that read an uploaded file: each counts against the budget for expensive operations. */
export const IMPORTS: ReadonlySet<string> = new Set([
  'importUsages',
  'importInterfaces',
  'importSoftwarecatalogus',
  'importProduct',
  'importGemma',
  'importBio2',
  'importVvt',
  'createEvidence',
  'updateEvidence',
]);
const expensiveDocuments = new WeakMap<DocumentNode, boolean>();

/** Operations that build export files, import files or cost more than EXPENSIVE_COST. */
export function isExpensive(document: DocumentNode, operationName?: string | null): boolean {
  const key = document;
  const known = expensiveDocuments.get(key);
  if (known !== undefined && !operationName) return known;
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return false;
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const { cost, exports } = operationCost(schema, operation, (name) => fragments.get(name));
  const expensive =
    exports > 0 ||
    cost > EXPENSIVE_COST ||
    operation.selectionSet.selections.some((s) => s.kind === Kind.FIELD && IMPORTS.has(s.name.value));
  if (!operationName) expensiveDocuments.set(key, expensive);
  return expensive;
}

const rateLimitError = (refusal: Refusal) =>
  createGraphQLError(refusal.message, {
    extensions: {
      code: 'RATE_LIMITED',
      http: { status: 429, spec: false, headers: { 'Retry-After': String(refusal.retryAfterSeconds) } },
    },
  });

interface ServerContext {
  /** Node's request on the direct path (site/server/entry.ts). */
  req?: { socket?: { remoteAddress?: string }; headers?: Record<string, string | string[] | undefined> };
  /** Given by callers that know the client (tests). */
  clientAddress?: string;
}

/** The client address of an API request, or undefined for a request made in process. */
function apiClient(context: ServerContext, proxies: () => BlockList): string | undefined {
  const scoped = requestClient.getStore()?.address;
  if (scoped) return scoped;
  if (context.clientAddress) return context.clientAddress;
  const req = context.req;
  return req?.socket?.remoteAddress
    ? clientAddress(req.socket.remoteAddress, req.headers?.['x-forwarded-for'], proxies())
    : undefined;
}

/** The rate limits for /graphql: every request against its budget once the viewer is known, expensive operations once more. */
export function useRateLimits(
  limits: () => RateLimits = hubRateLimits,
): Plugin<Context & ServerContext & { request: Request }> {
  let proxies: BlockList | undefined;
  const trusted = () => {
    proxies ??= trustedProxies();
    return proxies;
  };
  const clients = new WeakMap<object, { address: string; token?: string }>();
  return {
    onContextBuilding() {
      return async ({ context }) => {
        const address = apiClient(context, trusted);
        if (!address) return;
        const token = /^Bearer\s+(.+)$/i.exec(context.request.headers.get('authorization') ?? '')?.[1];
        clients.set(context, { address, token });
        const { budget, key } = requestBudget(address, context.viewer, token);
        const refusal = await limits().consume(budget, key);
        if (refusal) throw rateLimitError(refusal);
      };
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const client = clients.get(args.contextValue as object);
      if (!client || !isExpensive(args.document, args.operationName)) return;
      const viewer = (args.contextValue as Context).viewer;
      const key = viewer?.via === 'API' && client.token ? `token:${sha256(client.token)}` : client.address;
      const refusal = await limits().consume('expensive', key);
      if (refusal) setResultAndStopExecution({ errors: [rateLimitError(refusal)] });
    },
  };
}
