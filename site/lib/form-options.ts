// The choices the editing forms offer, read through the API in one query. Products are not among them: the usage
// form finds one by typing (product-choice.ts), since the catalogue is too large for a list.
import { compareNl } from '#core/collation.ts';
import type { Context } from '#core/context.ts';
import { execute } from '#graphql/execute.ts';
import type { FormOptionsQuery, FormUsagesQuery } from './graphql/graphql.ts';
import { graphql } from './graphql/index.ts';
import { allPages } from './list-part.ts';

type FormUsage = NonNullable<FormUsagesQuery['organisation']>['usages']['edges'][number]['node'];

export interface FormOptions {
  organisations: FormOptionsQuery['organisations'];
  components: FormOptionsQuery['referenceComponents'];
  externalServices: FormOptionsQuery['externalServices'];
  usages: FormUsage[];
}

export async function loadFormOptions(context: Context, organisation: string): Promise<FormOptions> {
  const data = await execute(
    context,
    graphql(`
      query FormOptions {
        organisations { slug name }
        referenceComponents { gemmaId name group }
        externalServices { gemmaId name }
      }
    `),
  );
  // Every usage of the organisation, for a koppeling's other end, however many.
  const usages = await allPages(
    async (after) =>
      (
        await execute(
          context,
          graphql(
            `query FormUsages($organisation: String!, $after: String) { organisation(slug: $organisation) { usages(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id product { name } } } } } }`,
          ),
          { organisation, after },
        )
      ).organisation?.usages,
  );
  return {
    organisations: data.organisations,
    components: data.referenceComponents,
    externalServices: data.externalServices,
    usages: usages.sort((a, b) => compareNl(a.product.name, b.product.name)),
  };
}
