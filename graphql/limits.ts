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
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { setting } from '#core/config.ts';

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
]);

/** The cost model: one point per field; lists multiply what they contain; an export field weighs `export`. */
export const COST_MODEL = {
  /** Assumed length of a list without a page size (`members`, `cells`), unless LIST_LENGTHS names it. */
  list: 10,
  /** Page size of a connection without `first` or `last`: Pothos' default. */
  defaultPage: 20,
  /** Page size when `first` or `last` is a variable: validation runs before variables are known. */
  variablePage: 100,
  export: 40_000,
} as const;

/** Lists that hold every row of a table, with their assumed length: a hub holds hundreds of organisations. */
export const LIST_LENGTHS: Readonly<Record<string, number>> = {
  'Query.organisations': 50,
  'Query.referenceComponents': 50,
  'Query.standards': 50,
  'Query.suppliers': 2_000,
};

/** Operations above this cost, or with an export field, count against the budget for expensive operations (rate-limits.ts). */
export const EXPENSIVE_COST = 30_000;

// `spec: false`: Yoga answers 400 even to clients that accept plain JSON, for which the GraphQL-over-HTTP spec keeps 200.
const limitError = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400, spec: false } } });

const PAGE_ARGUMENTS = new Set(['first', 'last']);

function pageSize(value: ValueNode | undefined): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Math.max(1, Number.parseInt(value.value, 10));
  if (value.kind === Kind.VARIABLE) return COST_MODEL.variablePage;
  return null;
}

interface CostOf {
  cost: number;
  exports: number;
}

/**
 * Selections the cost rule visits in one operation at most. Each fragment is weighed once (see operationCost), so an
 * operation within the token limit visits far fewer; past this bound the operation counts as over the cost limit.
 */
export const MAX_COST_VISITS = 10_000;

/**
 * The estimated cost of an operation and how many export files it builds, counting fan-out: a field inside a list
 * counts once for every element the list is assumed to hold. Introspection (`__schema`, `__type`) is left out:
 * graphql-js bounds its depth, and it is a fixed document.
 *
 * Each fragment is weighed once, by name: what a fragment's selection costs does not depend on where it is spread (its
 * type condition fixes its parent type), only the multiplier of the list around the spread does, and that is applied
 * where the spread is counted. Without this, fragments that spread the next one twice cost 2^n walks for n fragments.
 * The weighing stops once the cost passes the limit (the answer is then "over the limit", QUERY_LIMITS.cost + 1) or
 * once MAX_COST_VISITS selections were visited.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: (name: string) => FragmentDefinitionNode | undefined,
): CostOf {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const over = QUERY_LIMITS.cost + 1;
  const visiting = new Set<string>();
  const weighed = new Map<string, CostOf>();
  let visits = 0;
  class OverLimit extends Error {}

  function selectionCost(selectionSet: SelectionSetNode, parent: GraphQLNamedType | null | undefined): CostOf {
    const total: CostOf = { cost: 0, exports: 0 };
    for (const selection of selectionSet.selections) {
      if (++visits > MAX_COST_VISITS) throw new OverLimit();
      let part: CostOf = { cost: 0, exports: 0 };
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const field: GraphQLField<unknown, unknown> | undefined =
          parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        const coordinate = `${parent?.name}.${name}`;
        const isExport = EXPORT_FIELDS.has(coordinate);
        part = { cost: isExport ? COST_MODEL.export : 1, exports: isExport ? 1 : 0 };
        let multiplier = 1;
        const page = selection.arguments?.find((a) => PAGE_ARGUMENTS.has(a.name.value));
        const returnType = field ? getNullableType(field.type) : undefined;
        const named = field ? getNamedType(field.type) : undefined;
        if (page) multiplier = pageSize(page.value) ?? COST_MODEL.defaultPage;
        else if (named?.name.endsWith('Connection') && !isListType(returnType)) multiplier = COST_MODEL.defaultPage;
        // A connection's edges are its page, already counted on the connection field.
        else if (returnType && isListType(returnType) && !(name === 'edges' && parent?.name.endsWith('Connection')))
          multiplier = LIST_LENGTHS[coordinate] ?? COST_MODEL.list;
        if (selection.selectionSet) {
          const inner = selectionCost(selection.selectionSet, named);
          part = { cost: part.cost + inner.cost, exports: part.exports + inner.exports };
        }
        part = { cost: part.cost * multiplier, exports: part.exports * multiplier };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        part = selectionCost(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        const known = weighed.get(name);
        if (known) part = known;
        else {
          const fragment = fragments(name);
          // A cycle is graphql-js' own validation error (NoFragmentCyclesRule); here it only must not loop.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          part = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
          visiting.delete(name);
          weighed.set(name, part);
        }
      }
      total.cost += part.cost;
      total.exports += part.exports;
      if (total.cost > QUERY_LIMITS.cost) throw new OverLimit();
    }
    return total;
  }

  try {
    return selectionCost(operation.selectionSet, root);
  } catch (error) {
    if (!(error instanceof OverLimit)) throw error;
    // Past the limit the exact figure does not matter: the operation is refused (and counts as expensive).
    return { cost: over, exports: 0 };
  }
}

const formatNumber = (n: number) => Math.round(n).toLocaleString('nl-NL');

/** The validation rule for the cost limit. */
export const costLimitRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(operation) {
    const { cost } = operationCost(context.getSchema(), operation, (name) => context.getFragment(name) ?? undefined);
    if (cost > QUERY_LIMITS.cost)
      context.reportError(
        limitError(
          'QUERY_TOO_COSTLY',
          `Deze opvraging is te zwaar: de geschatte kosten zijn hoger dan het maximum van ${formatNumber(QUERY_LIMITS.cost)}. Lijsten en exportbestanden tellen zwaar: vraag kleinere pagina's op (first), minder geneste lijsten of minder exportbestanden tegelijk.`,
        ),
      );
  },
});

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
const directivesMessage = (n?: string) => `Deze opvraging gebruikt te veel directieven${n ? ` (${n})` : ''}: ten hoogste ${QUERY_LIMITS.directives}.`;

/** The validation rules: GraphQL Armor's depth, aliases and directives, and the cost rule. */
export const LIMIT_RULES: readonly ValidationRule[] = [
  maxDepthRule({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, ...reject('QUERY_TOO_DEEP', depthMessage) }),
  maxAliasesRule({ n: QUERY_LIMITS.aliases, ...reject('TOO_MANY_ALIASES', aliasesMessage) }),
  maxDirectivesRule({ n: QUERY_LIMITS.directives, ...reject('TOO_MANY_DIRECTIVES', directivesMessage) }),
  costLimitRule,
] as ValidationRule[];

/** Parses with the token limit, as the API does. */
export function parseWithLimits(source: string): DocumentNode {
  return new MaxTokensParserWLexer(source, tokenLimit as ConstructorParameters<typeof MaxTokensParserWLexer>[1]).parseDocument();
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
            resolve({ errors: [new GraphQLError(timeoutMessage(limit), { extensions: { code: 'TIMEOUT', http: { status: 503, spec: false } } })] });
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
        if (typeof params.query === 'string' && params.query.length > QUERY_LIMITS.characters) setResult({ errors: [tokenError()] });
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
