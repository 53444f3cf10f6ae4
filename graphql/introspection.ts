// In production the schema itself is for signed-in users: an anonymous request that asks for `__schema` or `__type` is
// refused before it runs (GraphiQL's page redirects to sign-in in site/middleware.ts). `__typename` stays open.
import { BREAK, type DocumentNode, visit } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { isProduction } from '#core/config.ts';
import type { Context } from '#core/context.ts';

export const INTROSPECTION_NEEDS_SIGN_IN =
  'Het schema van de API opvragen (introspectie) kan alleen na inloggen. Log in, of stuur een API-token mee (Authorization: Bearer <token>).';

const asks = new WeakMap<DocumentNode, boolean>();

function asksForSchema(document: DocumentNode): boolean {
  let found = asks.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
    asks.set(document, found);
  }
  return found;
}

/** Whether introspection needs sign-in: in production (NODE_ENV=production), as `npm start` runs the server. */
export const introspectionNeedsSignIn = isProduction;

export function useIntrospectionForSignedIn(needsSignIn: () => boolean = introspectionNeedsSignIn): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if ((args.contextValue as Context).viewer || !needsSignIn() || !asksForSchema(args.document)) return;
      setResultAndStopExecution({
        errors: [
          createGraphQLError(INTROSPECTION_NEEDS_SIGN_IN, {
            extensions: { code: 'FORBIDDEN', http: { status: 403, spec: false } },
          }),
        ],
      });
    },
  };
}
