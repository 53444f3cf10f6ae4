// Runs a GraphQL operation in-process, for server-rendered pages: same schema, rules and validation as /graphql.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, execute as executeGraphQL, GraphQLError, parse, validate } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Context } from '#core/context.ts';
import { cachedAnswer, resultOf } from './cache.ts';
import { operationRefusal } from './guard.ts';
import { schema } from './schema.ts';

// Bounded: a page may build its query from the request (the capacity page per choice of organisations), so the set of
// sources is not fixed and an unbounded map would grow with every choice a user tries.
const parsed = new LRUCache<string, DocumentNode>({ max: 500 });

// A typed page document (site/lib/graphql/) arrives parsed: it is validated once, on first use, like a text.
const validated = new WeakSet<DocumentNode>();

function checked(document: DocumentNode): DocumentNode {
  const errors = validate(schema, document);
  if (errors.length) throw new Error(`Invalid page query: ${errors.map((e) => e.message).join('; ')}`);
  return document;
}

function documentFor(source: string | DocumentNode): DocumentNode {
  if (typeof source !== 'string') {
    if (!validated.has(source)) validated.add(checked(source));
    return source;
  }
  let document = parsed.get(source);
  if (!document) {
    document = checked(parse(source));
    parsed.set(source, document);
  }
  return document;
}

export class GraphQLRequestError extends Error {
  readonly errors: readonly GraphQLError[];
  constructor(errors: readonly GraphQLError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'GraphQLRequestError';
    this.errors = errors;
  }
}

/**
 * Executes `source` and returns its data; any error is thrown, so a page never renders half an answer. A typed document
 * (`graphql(...)` from site/lib/graphql/) brings its result and variable types; a text needs the result type spelled.
 */
export async function execute<T, V extends Record<string, unknown>>(
  context: Context,
  source: TypedDocumentNode<T, V>,
  ...variables: Record<string, never> extends V ? [variables?: V] : [variables: V]
): Promise<T>;
export async function execute<T>(context: Context, source: string, variables?: Record<string, unknown>): Promise<T>;
export async function execute<T>(
  context: Context,
  source: string | DocumentNode,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const document = documentFor(source);
  const refusal = operationRefusal(context, document);
  if (refusal) throw new GraphQLRequestError([new GraphQLError(refusal)]);
  const result = resultOf(
    await cachedAnswer(context, document, variables, undefined, async () =>
      executeGraphQL({ schema, document, contextValue: context, variableValues: variables }),
    ),
  );
  if (result.errors?.length) throw new GraphQLRequestError(result.errors);
  return result.data as T;
}

/** Tag for page queries: marks them for editors and tooling; the text itself is passed unchanged. */
export const gql = String.raw;
