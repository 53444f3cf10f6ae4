// What a query reads, told from its text: the organisations whose own landscape it reads (besides the shared data:
// catalogue, GEMMA, organisations' names), or null when it may read anything. Its answer is then kept against the
// versions of just those parts (prisma/data-version.ts), so a change in another organisation leaves it cached.
//
// Known, field by field: the root fields that name their organisations in an argument, and below them only fields
// listed here, each read as "the named organisation's landscape, what links to it, or shared data". A change that
// touches a landscape also raises the organisations linked to what changed (core/data-scopes.ts: koppelingen' other
// ends, the operator). Any other field, and any organisation reached below the named one (a member, a koppeling's
// other end) beyond its name, makes the query read "anything": a field added later is safe until it is listed here.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { organisationScope } from '#prisma/data-version.ts';
import { schema } from './schema.ts';

/** Root fields and the argument naming their organisations (slugs). */
const ROOTS: Record<string, string> = {
  organisation: 'slug',
  migrations: 'organisation',
  capacity: 'organisation',
  comparison: 'organisations',
  auditEvents: 'organisation',
};

/** Fields of the named organisation that read its own landscape; on any other organisation they are refused. */
const OWN_LANDSCAPE = new Set([
  'Organisation.usages',
  'Organisation.usageSummary',
  'Organisation.adoption',
  'Organisation.standardsGaps',
  'Organisation.standardsCheck',
  'Organisation.expectedInterfaces',
  'Organisation.incomingProposals',
  'Organisation.interfaces',
  'Organisation.viewerCanEdit',
  'Organisation.viewerIsMember',
  'Organisation.memberOf',
  'Organisation.members',
  'Organisation.description',
]);

/** Fields safe anywhere below a known root: the record's own values, its shared catalogue data and linked records. */
const KNOWN = new Set([
  'Organisation.name',
  'Organisation.slug',
  'Organisation.type',
  'Organisation.cbsCode',
  'Organisation.id',
  'Membership.organisation',
  // Lists and pages.
  'OrganisationUsagesConnection.totalCount',
  'OrganisationUsagesConnection.edges',
  'OrganisationUsagesConnectionEdge.node',
  'QueryMigrationsConnection.totalCount',
  'QueryMigrationsConnection.edges',
  'QueryMigrationsConnectionEdge.node',
  'QueryAuditEventsConnection.edges',
  'QueryAuditEventsConnection.totalCount',
  'QueryAuditEventsConnection.pageInfo',
  'QueryAuditEventsConnectionEdge.node',
  'QueryAuditEventsConnectionEdge.cursor',
  'PageInfo.hasNextPage',
  'PageInfo.endCursor',
  'PageInfo.hasPreviousPage',
  'PageInfo.startCursor',
  // A usage: its own values and shared data.
  'Usage.id',
  'Usage.key',
  'Usage.status',
  'Usage.product',
  'Usage.version',
  'Usage.referenceComponents',
  'Usage.registeredFor',
  'Product.name',
  'Product.slug',
  'Product.architecture',
  'Product.layers',
  'Product.supplier',
  'Supplier.name',
  'ProductVersion.name',
  'ReferenceComponent.name',
  'ReferenceComponent.group',
  'ReferenceComponent.gemmaId',
  'Standard.name',
  // The landscape's figures, all of the named organisation's usages.
  'Adoption.total',
  'Adoption.perLayer',
  'LayerAdoption.layer',
  'LayerAdoption.total',
  'LayerAdoption.commonGround',
  'LayerAdoption.hybrid',
  'LayerAdoption.legacy',
  'StandardGap.standard',
  'StandardGap.usageCount',
  'StandardGap.products',
  'StandardsCheck.verdict',
  'StandardsCheck.usagesWithMandatory',
  'ExpectedInterface.status',
  'UsageSummary.total',
  'UsageSummary.byStatus',
  'UsageSummary.inProductionByArchitecture',
  'StatusCount.status',
  'StatusCount.count',
  'ArchitectureCount.architecture',
  'ArchitectureCount.count',
  'ReferenceProposal.id',
  'Interface.copiesData',
  // Migrations of the named organisation.
  'Migration.key',
  'Migration.status',
  'Migration.end',
  'Migration.programme',
  'Migration.targetProduct',
  'Migration.replaces',
  'Programme.slug',
  'Programme.name',
  'Programme.deadline',
  // Capacity of the named organisation.
  'CapacityReport.overAllocated',
  'CapacityReport.cells',
  'CapacityCell.role',
  'CapacityCell.quarter',
  'CapacityCell.available',
  'CapacityCell.demand',
  'CapacityCell.balance',
  // The comparison's rows: the named organisations' usages per reference component.
  'Comparison.organisations',
  'Comparison.rows',
  'ComparisonRow.referenceComponent',
  'ComparisonComponent.name',
  'ComparisonComponent.gemmaId',
  'ComparisonComponent.group',
  'ComparisonRow.differs',
  'ComparisonRow.hasLegacy',
  'ComparisonRow.sharedProducts',
  'ComparisonRow.cells',
  'ComparisonCell.organisation',
  'ComparisonCell.usages',
  'ComparisonUsage.key',
  'ComparisonUsage.status',
  'ComparisonUsage.productSlug',
  'ComparisonUsage.productName',
  'ComparisonUsage.architecture',
  // The named organisation's trail.
  'AuditEvent.id',
  'AuditEvent.createdAt',
  'AuditEvent.actor',
  'AuditEvent.entityType',
  'AuditEvent.action',
  'AuditEvent.changes',
  'AuditEvent.source',
  'AuditEvent.file',
  'AuditEvent.revision',
  'FieldChange.field',
  'FieldChange.before',
  'FieldChange.after',
]);

type Variables = Record<string, unknown> | null | undefined;

/** The organisation scopes `document` reads (sorted, without duplicates), or null when it may read anything. */
export function operationScopes(
  document: DocumentNode,
  variables: Variables,
  operationName?: string | null,
): string[] | null {
  return readScopes(document, variables, operationName).scopes;
}

/** The scopes, and when they are unknown the first field that made them so (for tests and for listing a field). */
export function readScopes(
  document: DocumentNode,
  variables: Variables,
  operationName?: string | null,
): { scopes: string[] | null; refused?: string } {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation?.operation !== 'query') return { scopes: null, refused: 'not a query' };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const query = schema.getQueryType();
  if (!query) return { scopes: null };
  const slugs = new Set<string>();
  /** Walks a selection set; answers the first field that makes the query read anything, or null. */
  const walk = (
    type: GraphQLObjectType,
    selections: SelectionSetNode,
    named: boolean,
    root: boolean,
    seen: string[],
  ): string | null => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.includes(fragment.name.value)) return `...${selection.name.value}`;
        if (schema.getType(fragment.typeCondition.name.value) !== type) return `...${fragment.name.value}`;
        const refused = walk(type, fragment.selectionSet, named, root, [...seen, fragment.name.value]);
        if (refused) return refused;
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && schema.getType(selection.typeCondition.name.value) !== type)
          return `... on ${selection.typeCondition.name.value}`;
        const refused = walk(type, selection.selectionSet, named, root, seen);
        if (refused) return refused;
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      const field = type.getFields()[name];
      const pair = `${type.name}.${name}`;
      if (!field) return pair;
      let below = false;
      if (root) {
        const argument = ROOTS[name];
        const node = selection.arguments?.find((a) => a.name.value === argument);
        const value = node ? valueFromASTUntyped(node.value, variables ?? undefined) : undefined;
        const values = Array.isArray(value) ? value : [value];
        if (!argument || values.length === 0 || !values.every((v) => typeof v === 'string')) return pair;
        for (const v of values) slugs.add(v as string);
        below = name === 'organisation';
      } else if (OWN_LANDSCAPE.has(pair) ? !named : !KNOWN.has(pair)) return pair;
      if (!selection.selectionSet) continue;
      const result = getNamedType(field.type);
      if (!isObjectType(result)) return pair;
      const refused = walk(result, selection.selectionSet, below, false, seen);
      if (refused) return refused;
    }
    return null;
  };
  const refused = walk(query, operation.selectionSet, false, true, []);
  return refused ? { scopes: null, refused } : { scopes: [...slugs].sort().map(organisationScope) };
}
