// The choices the editing forms offer, read through the API in one query. Products are not among them: the usage
// form finds one by typing (product-choice.ts), since the catalogue is too large for a list.
import { compareNl } from '../../graphql/collation.ts';
import type { Context } from '../../graphql/context.ts';
import { execute, gql } from '../../graphql/execute.ts';

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
    organisation: { usages: { edges: { node: FormOptions['usages'][number] }[] } } | null;
  }>(
    context,
    gql`
      query FormOptions($organisation: String!) {
        organisations { slug name }
        referenceComponents { gemmaId name group }
        externalServices { gemmaId name }
        organisation(slug: $organisation) { usages(first: 500) { edges { node { id product { name } } } } }
      }
    `,
    { organisation },
  );
  return {
    organisations: data.organisations,
    components: data.referenceComponents,
    externalServices: data.externalServices,
    usages: (data.organisation?.usages.edges.map((e) => e.node) ?? []).sort((a, b) => compareNl(a.product.name, b.product.name)),
  };
}
