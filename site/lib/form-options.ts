// The choices the editing forms offer, read through the API in one query. Products are not among them: the usage
// form finds one by typing (product-choice.ts), since the catalogue is too large for a list.
import { compareNl } from '#core/collation.ts';
import type { Context } from '#core/context.ts';
import { execute, gql } from '#graphql/execute.ts';
import { allPages, type Connection } from './list-part.ts';

export interface FormOptions {
  organisations: { slug: string; name: string }[];
  components: { gemmaId: string; name: string; group: string }[];
  externalServices: { gemmaId: string; name: string }[];
  usages: { id: string; product: { name: string } }[];
}

export async function loadFormOptions(context: Context, organisation: string): Promise<FormOptions> {
  const data = await execute<{
    organisations: FormOptions['organisations'];
    referenceComponents: FormOptions['components'];
    externalServices: FormOptions['externalServices'];
  }>(
    context,
    gql`
      query FormOptions {
        organisations { slug name }
        referenceComponents { gemmaId name group }
        externalServices { gemmaId name }
      }
    `,
  );
  // Every usage of the organisation, for a koppeling's other end, however many.
  const usages = await allPages(
    async (after) =>
      (
        await execute<{ organisation: { usages: Connection<FormOptions['usages'][number]> } | null }>(
          context,
          gql`query FormUsages($organisation: String!, $after: String) { organisation(slug: $organisation) { usages(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id product { name } } } } } }`,
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
