// The one Pothos schema builder: plugins, scalars and auth scopes are configured here and nowhere else.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { z } from 'zod';
import { isProduction } from '#core/config.ts';
import { type Context, hasRole } from '#core/context.ts';
import { isoDay } from '#core/dates.ts';
import { ForbiddenError, ValidationError } from '#core/errors.ts';
import { mayRead } from '#core/privacy.ts';
import type PrismaTypes from '#prisma/generated/pothos-types.ts';
import { getDatamodel } from '#prisma/generated/pothos-types.ts';
import { wrongIdsPlugin } from './wrong-ids.ts';
// Imported first for its zod locale: every validation message, also outside a request, is Dutch.
import '#core/input.ts';

/** Why a read was refused, in words that say what to do. */
export function refusedReadMessage(viewer: Context['viewer']): string {
  if (!viewer) return 'Log in om deze gegevens te zien.';
  if (!mayRead(viewer))
    return 'Je account hoort nog bij geen organisatie, dus je kunt nog geen gegevens lezen. Vraag een beheerder van je organisatie om je toe te voegen.';
  return 'Je hebt geen toegang tot deze gegevens.';
}

/** The most ids one `nodes` call takes. */
export const MAX_NODE_IDS = 100;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { reader: boolean; instanceAdmin: boolean; memberOf: string; adminOf: string };
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    File: { Input: File; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, wrongIdsPlugin, ValidationPlugin, RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      // Reading the hub (landscapes, comparisons, audit, exports) needs a membership of some organisation, or instance
      // administration: a signed-in user without one reads only the own account (core/privacy.ts).
      reader: mayRead(ctx.viewer),
      instanceAdmin: ctx.viewer?.isInstanceAdmin ?? false,
      memberOf: (organisationId) => ctx.viewer?.organisationIds.includes(organisationId) ?? false,
      adminOf: (organisationId) => hasRole(ctx.viewer, organisationId, 'ADMIN'),
    }),
    // A refused read is a typed, visible error rather than a masked one.
    unauthorizedError: (_parent, ctx) => new ForbiddenError(refusedReadMessage(ctx.viewer)),
  },
  // A mutation's input that fails its validation, or names nothing of the type it should (wrong-ids.ts), answers the
  // mutation's typed ValidationError or NotFoundError. Mutations authorise in their resolvers, after the input is read.
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true },
  validation: {
    validationError: (result) =>
      new ValidationError(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)),
          message: issue.message,
        })),
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // `node` and `nodes` read any entity: they need the reader scope, so an anonymous caller is refused once for the
    // field rather than once per id, and `nodes` takes at most MAX_NODE_IDS ids (each one is a lookup).
    nodeQueryOptions: { authScopes: { reader: true } },
    nodesQueryOptions: {
      authScopes: { reader: true },
      args: {
        ids: {
          validate: z
            .array(z.unknown())
            .max(
              MAX_NODE_IDS,
              `Vraag ten hoogste ${MAX_NODE_IDS} ids tegelijk op met nodes; verdeel de rest over meer verzoeken.`,
            ),
        },
      },
    },
  },
  prisma: {
    client: (ctx) => ctx.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: isProduction() ? null : 'warn',
  },
});

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

builder.scalarType('Date', {
  description: 'Calendar date, ISO 8601 (YYYY-MM-DD).',
  serialize: (value) => isoDay(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw new ValidationError([{ path: [], message: `"${String(value)}" is geen geldige datum (JJJJ-MM-DD)` }]);
    }
    return new Date(`${value}T00:00:00.000Z`);
  },
});

builder.scalarType('DateTime', {
  description: 'Moment in time, ISO 8601 with time zone.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime()))
      throw new ValidationError([{ path: [], message: `"${String(value)}" is geen geldig tijdstip` }]);
    return date;
  },
});

builder.scalarType('File', {
  description: 'A file sent as a multipart upload (GraphQL multipart request spec); input only.',
  serialize: () => {
    throw new Error('File is input only.');
  },
  parseValue: (value) => {
    // Yoga hands its own File implementation, so the check is on shape rather than class.
    if (typeof value !== 'object' || value === null || typeof (value as Blob).arrayBuffer !== 'function')
      throw new ValidationError([{ path: [], message: 'Verwacht een bestand (multipart upload).' }]);
    return value as File;
  },
});

builder.queryType({});
builder.mutationType({});

/** Pothos hands an empty `select` when a client asks only for __typename; Prisma refuses that, so drop it. */
export function selection<T extends object>(query: T): T | Record<string, never> {
  const select = (query as { select?: object }).select;
  return select && Object.keys(select).length === 0 ? {} : query;
}

/** The builder's schema types, for helpers that build fields outside a builder callback. */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
export type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;
