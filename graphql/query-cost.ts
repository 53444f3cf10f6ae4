// The estimated cost of a GraphQL operation (fields, lists by their page size, export fields) and the validation rule that refuses one over the limit.
import {
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
import { EXPORT_FIELDS, QUERY_LIMITS } from './limits.ts';

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
  // Every BIO2 measure (166), and an organisation's statement of applicability: a line per measure.
  'Query.bio2Measures': 170,
  'Organisation.vvtStatements': 170,
  // The security figures: a row per organisation with a landscape, six figures each, and the usages behind one figure;
  // the partners' algorithms (at most ALGORITHM_LIST_MAX) and one organisation's.
  'Query.securityOverview': 400,
  'SecurityOverviewRow.figures': 6,
  'Organisation.securityDashboard': 6,
  'SecurityFigure.usages': 50,
  'Query.algorithmUsages': 1_000,
  'Organisation.algorithmUsages': 100,
  // An organisation's register of processing activities (a large municipality's has a few hundred; ACTIVITIES_MAX at
  // most), and the usages supporting one activity (USAGES_MAX at most; a handful as a rule). Its measures stay at the
  // default: a few an activity.
  'Organisation.processingActivities': 200,
  'ProcessingActivity.usages': 50,
};

/** Operations above this cost, or with an export field, count against the budget for expensive operations (rate-limits.ts). */
export const EXPENSIVE_COST = 30_000;

// `spec: false`: Yoga answers 400 even to clients that accept plain JSON, for which the GraphQL-over-HTTP spec keeps 200.
export const limitError = (code: string, message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400, spec: false } } });

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
const MAX_COST_VISITS = 10_000;

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
