// Limits on what one GraphQL request may ask and how long it may run, so that no single request brings the hub down.
// GraphQL Armor's rules and parser bound depth, aliases, tokens and directives; the cost rule below weighs list fan-out
// and the large export fields, which Armor's cost model cannot (it knows neither the schema's lists nor its fields).
// Every refusal happens while the operation is parsed or validated, before anything runs, with a Dutch message and
// HTTP status 400.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer, maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { setting } from '#core/config.ts';
import { costLimitRule, limitError } from './query-cost.ts';

/** The limits; tuned so that every page's query and the benchmark's operations stay well within them (test/security/query-limits.test.ts). */
export const QUERY_LIMITS = {
  /** Nested fields (introspection excluded: graphql-js bounds its depth itself). */
  depth: 10,
  /** Aliased fields in one operation (`__typename` aliases are bounded by the token limit). */
  aliases: 15,
  /** Lexical tokens in the document: names, punctuation, values. */
  tokens: 2_000,
  /** Characters in the document: a longer one is refused before it is even read (values belong in variables). */
  characters: 100_000,
  /** Directives in one operation. */
  directives: 10,
  /** The estimated cost of one operation (operationCost). */
  cost: 100_000,
  /** Characters of the variables, as JSON (files of a multipart upload are not counted: they travel beside them). */
  variableCharacters: 64_000,
  /** Elements of any one list in the variables. */
  variableListLength: 1_000,
} as const;

/** Export fields that build a whole file in memory: each weighs as much as a long list. */
export const EXPORT_FIELDS: ReadonlySet<string> = new Set([
  'Query.gemmaAmeff',
  'Query.comparisonAmeff',
  'Organisation.ameff',
  'Organisation.usagesCsv',
  'Organisation.usagesXlsx',
  'Organisation.interfacesCsv',
  'Organisation.contentYaml',
  'Organisation.softwarecatalogusCsv',
  'Organisation.vvtCsv',
]);

/** The number a GraphQL Armor message names ("found 200."), to repeat it in Dutch. */
const found = (error: GraphQLError) => /found (\d+)/.exec(error.message)?.[1];

/** An Armor rejection reported as a Dutch validation error instead of Armor's English one. */
function reject(code: string, message: (found: string | undefined) => string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const dutch = limitError(code, message(found(error)));
        // The token limit is checked while parsing, without a validation context: its error ends the parse.
        if (!context) throw dutch;
        context.reportError(dutch);
      },
    ],
  };
}

const tokenError = () =>
  limitError(
    'QUERY_TOO_LONG',
    `Deze opvraging is te lang: ten hoogste ${QUERY_LIMITS.tokens} onderdelen (namen, waarden en leestekens) en ${QUERY_LIMITS.characters.toLocaleString('nl-NL')} tekens. Splits haar op in kleinere opvragingen en geef waarden mee als variabelen.`,
  );
const tokenLimit = { n: QUERY_LIMITS.tokens, ...reject('QUERY_TOO_LONG', () => tokenError().message) };

const depthMessage = (n?: string) =>
  `Deze opvraging is te diep genest${n ? ` (${n} niveaus)` : ''}: ten hoogste ${QUERY_LIMITS.depth} niveaus. Vraag geneste lijsten in een aparte opvraging op.`;
const aliasesMessage = (n?: string) =>
  `Deze opvraging gebruikt te veel aliassen${n ? ` (${n})` : ''}: ten hoogste ${QUERY_LIMITS.aliases}. Vraag hetzelfde veld niet vaker op dan nodig, of verdeel het over meer verzoeken.`;
const directivesMessage = (n?: string) =>
  `Deze opvraging gebruikt te veel directieven${n ? ` (${n})` : ''}: ten hoogste ${QUERY_LIMITS.directives}.`;

/** The validation rules: GraphQL Armor's depth, aliases and directives, and the cost rule. */
export const LIMIT_RULES: readonly ValidationRule[] = [
  maxDepthRule({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, ...reject('QUERY_TOO_DEEP', depthMessage) }),
  maxAliasesRule({ n: QUERY_LIMITS.aliases, ...reject('TOO_MANY_ALIASES', aliasesMessage) }),
  maxDirectivesRule({ n: QUERY_LIMITS.directives, ...reject('TOO_MANY_DIRECTIVES', directivesMessage) }),
  costLimitRule,
] as ValidationRule[];

/** Parses with the token limit, as the API does. */
export function parseWithLimits(source: string): DocumentNode {
  return new MaxTokensParserWLexer(
    source,
    tokenLimit as ConstructorParameters<typeof MaxTokensParserWLexer>[1],
  ).parseDocument();
}

const variablesMessage = () =>
  `De variabelen van deze opvraging zijn te groot: ten hoogste ${QUERY_LIMITS.variableCharacters.toLocaleString('nl-NL')} tekens en ${QUERY_LIMITS.variableListLength.toLocaleString('nl-NL')} elementen per lijst. Verdeel de gegevens over meer verzoeken.`;

/**
 * Whether variables pass the bounds (QUERY_LIMITS.variableCharacters, variableListLength), walked with a running count
 * that stops as soon as one is passed. The count is the JSON text's length, near enough: names, strings and numbers
 * with their quotes and separators. A file (multipart upload) counts as one element: its bytes are bounded by the body
 * limit.
 */
export function variablesWithinLimits(variables: unknown): boolean {
  let characters = 0;
  const stack: unknown[] = [variables];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') characters += value.length + 3;
    else if (Array.isArray(value)) {
      if (value.length > QUERY_LIMITS.variableListLength) return false;
      characters += value.length + 2;
      for (const element of value) stack.push(element);
    } else if (value !== null && typeof value === 'object' && !(typeof Blob !== 'undefined' && value instanceof Blob)) {
      const entries = Object.entries(value);
      characters += 2;
      for (const [key, element] of entries) {
        characters += key.length + 4;
        stack.push(element);
      }
    } else characters += String(value).length + 1;
    if (characters > QUERY_LIMITS.variableCharacters) return false;
  }
  return true;
}

/** Seconds one operation may run before it is stopped (GRONDPLAN_EXECUTION_SECONDS, default 15). */
export const executionSeconds = (): number => setting('GRONDPLAN_EXECUTION_SECONDS');

export const timeoutMessage = (seconds: number) =>
  `Deze opvraging duurde langer dan ${seconds.toLocaleString('nl-NL')} seconden en is afgebroken. Vraag minder tegelijk op, bijvoorbeeld kleinere pagina's (first) of één organisatie per verzoek.`;

/**
 * The execution time limit: an operation still running after `seconds` is answered with a Dutch error (status 503),
 * and the executor's abort signal is raised, so no further field is resolved; a database statement already sent runs
 * to its end. The request's own signal (the client went away) aborts the same way.
 */
function useExecutionTimeLimit(seconds: () => number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (execArgs) => {
        const limit = seconds();
        const controller = new AbortController();
        // The request's signal may be a fetch ponyfill's (Yoga's own on Node's server), not one AbortSignal.any takes.
        const requestSignal = (execArgs.contextValue as { request?: Request } | undefined)?.request?.signal;
        if (requestSignal?.aborted) controller.abort(requestSignal.reason);
        else requestSignal?.addEventListener?.('abort', () => controller.abort(requestSignal.reason), { once: true });
        (execArgs as { signal?: AbortSignal }).signal = controller.signal;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            controller.abort(new Error('execution time limit'));
            resolve({
              errors: [
                new GraphQLError(timeoutMessage(limit), {
                  extensions: { code: 'TIMEOUT', http: { status: 503, spec: false } },
                }),
              ],
            });
          }, limit * 1000);
        });
        try {
          return await Promise.race([executeFn(execArgs) as Promise<ExecutionResult>, timedOut]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

/**
 * The query limits and the execution time limit, for the Yoga instance (graphql/yoga.ts). `sizeLimits: false` leaves
 * out the limits on size and cost (never the time limit): only for tests that read the whole schema at once to check
 * who may read what, which the size of a document does not change.
 */
export function useQueryLimits(options: { executionSeconds?: () => number; sizeLimits?: boolean } = {}): Plugin[] {
  if (options.sizeLimits === false) return [useExecutionTimeLimit(options.executionSeconds ?? executionSeconds)];
  return [
    {
      onParams({ params, setResult }) {
        if (typeof params.query === 'string' && params.query.length > QUERY_LIMITS.characters)
          setResult({ errors: [tokenError()] });
        else if (params.variables != null && !variablesWithinLimits(params.variables))
          setResult({ errors: [limitError('VARIABLES_TOO_LARGE', variablesMessage())] });
      },
    } satisfies Plugin,
    maxTokensPlugin(tokenLimit) as Plugin,
    {
      // Yoga marks every parse error as one the GraphQL-over-HTTP spec answers with 200 to plain-JSON clients; the
      // token limit is a refusal like the others (400).
      onResultProcess({ result }) {
        const errors = (result as ExecutionResult).errors;
        if (!errors) return;
        for (const error of errors) {
          const http = error.extensions?.http as { spec?: boolean } | undefined;
          if (http && error.extensions.code === 'QUERY_TOO_LONG') http.spec = false;
        }
      },
    } satisfies Plugin,
    {
      onValidate: ({ addValidationRule }) => {
        for (const rule of LIMIT_RULES) addValidationRule(rule);
      },
    } satisfies Plugin,
    useExecutionTimeLimit(options.executionSeconds ?? executionSeconds),
  ];
}
