// A small Pothos plugin: a typed id argument (`globalID({ for })`) that names nothing of its type answers the mutation's
// NotFoundError, the typed error its schema promises, instead of a bare error. Listed after the errors plugin, so that
// plugin (with `unsafelyHandleInputErrors`) turns what this one throws into the mutation's result.
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  PothosValidationError,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { entityName, NotFoundError } from '#core/errors.ts';

// The relay plugin's own messages for an id of another type and for one that is no global id at all (its
// utils/internal.ts and utils/global-ids.ts). When an upgrade rewords them, test/unit/wrong-ids.test.ts (no global id)
// and test/integration/revisioned-write.test.ts (an id of another type, through the schema) fail.
const otherType = /^ID: (.*) is not of type: (\w+)/;
const noGlobalId = /^Invalid global ID: (.*)$/;

/** The NotFoundError a relay id error stands for; any other error unchanged. */
export function wrongIdError(error: unknown): unknown {
  if (!(error instanceof PothosValidationError)) return error;
  const other = otherType.exec(error.message);
  if (other) return new NotFoundError(entityName(other[2] ?? ''), other[1] ?? '');
  const invalid = noGlobalId.exec(error.message);
  if (invalid) return new NotFoundError('Object', invalid[1] ?? '');
  return error;
}

export class WrongIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    if (!resolver || !fieldConfig.extensions?.pothosErrors) return resolver;
    return async (parent, args, context, info) => {
      try {
        return await resolver(parent, args, context, info);
      } catch (error) {
        throw wrongIdError(error);
      }
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      wrongIds: WrongIdsPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's plugin list. */
export const wrongIdsPlugin = 'wrongIds';
SchemaBuilder.registerPlugin(wrongIdsPlugin, WrongIdsPlugin);
