// The choices the editing forms offer, read through the API in one query.
import { compareNl } from '../../graphql/collation.ts';
import type { Context } from '../../graphql/context.ts';
import { execute, gql } from '../../graphql/execute.ts';

export interface FormOptions {
  products: { slug: string; name: string; supplier: { name: string }; versions: { name: string }[] }[];
  organisations: { slug: string; name: string }[];
  components: { gemmaId: string; name: string; group: string }[];
  externalServices: { gemmaId: string; name: string }[];
  usages: { id: string; product: { name: string } }[];
}

export async function loadFormOptions(context: Context, organisation: string): Promise<FormOptions> {
  const data = await execute<{
    products: { edges: { node: FormOptions['products'][number] }[] };
    organisations: FormOptions['organisations'];
    referenceComponents: FormOptions['components'];
    externalServices: FormOptions['externalServices'];
    organisation: { usages: { edges: { node: FormOptions['usages'][number] }[] } } | null;
  }>(
    context,
    gql`
      query FormOptions($organisation: String!) {
        products(first: 200) { edges { node { slug name supplier { name } versions { name } } } }
        organisations { slug name }
        referenceComponents { gemmaId name group }
        externalServices { gemmaId name }
        organisation(slug: $organisation) { usages(first: 500) { edges { node { id product { name } } } } }
      }
    `,
    { organisation },
  );
  return {
    products: data.products.edges.map((e) => e.node),
    organisations: data.organisations,
    components: data.referenceComponents,
    externalServices: data.externalServices,
    usages: (data.organisation?.usages.edges.map((e) => e.node) ?? []).sort((a, b) => compareNl(a.product.name, b.product.name)),
  };
}
