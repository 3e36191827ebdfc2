import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isObjectType,
  isUnionType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** GitHub's limits: 100 items per connection page, 500,000 nodes per query. */
export const GITHUB_GRAPHQL_LIMITS = { pageSize: 100, nodes: 500_000 } as const;

/** An error the way GitHub's GraphQL API reports a query it refuses before running it. */
export interface GithubGraphqlErrorJson {
  type?: string;
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

export interface GithubGraphqlCost {
  /** Requests needed to fill every connection, assuming each page comes back full. */
  requests: number;
  /** Nodes the query may return (GitHub's node limit counts these). */
  nodes: number;
  /** Rate-limit points: requests / 100, rounded, at least 1. */
  cost: number;
  /** Pagination errors (a connection without `first`/`last`, or asking for more than 100, or too many nodes). */
  errors: GithubGraphqlErrorJson[];
}

/**
 * GitHub's documented rate-limit cost of a query
 * (https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api):
 * add up, over every connection in the query, the number of requests needed to fill it, which is
 * the product of the `first`/`last` of the connections around it (1 at the top level); divide by
 * 100 and round; a query costs at least 1 point. For example `repositories(first: 100) {
 * pullRequests(first: 50) { labels(first: 60) } }` needs 1 + 100 + 100 * 50 = 5,101 requests:
 * 51 points. A connection is a field returning a `...Connection` type that takes `first`; each is
 * counted once per response path. It also applies GitHub's checks that run before a query does:
 * every connection needs `first` or `last` (0 to 100), and the query may reach at most 500,000
 * nodes (the sum over connections of the requests times the page size).
 */
export function githubGraphqlCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): GithubGraphqlCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  const errors: GithubGraphqlErrorJson[] = [];
  const counted = new Set<string>();
  let requests = 0;
  let nodes = 0;

  const included = (node: SelectionNode): boolean => {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] === false) return false;
    return true;
  };
  const location = (node: FieldNode): { line: number; column: number }[] | undefined => {
    const loc = node.loc;
    if (!loc) return undefined;
    const before = loc.source.body.slice(0, loc.start).split('\n');
    return [{ line: before.length, column: before[before.length - 1]!.length + 1 }];
  };

  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, multiplier: number, path: string[], visiting: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, multiplier, path, visiting);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (fragment && type && isCompositeType(type) && !visiting.has(name)) walk(fragment.selectionSet, type, multiplier, path, new Set([...visiting, name]));
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || isUnionType(parentType)) continue;
      const field = parentType.getFields()[name];
      if (!field) continue;
      const responsePath = [...path, selection.alias?.value ?? name];
      const named = getNamedType(field.type);
      let inner = multiplier;
      if (isObjectType(named) && named.name.endsWith('Connection') && field.args.some((a) => a.name === 'first')) {
        const args = getArgumentValues(field, selection, variables);
        const first = typeof args['first'] === 'number' ? args['first'] : undefined;
        const last = typeof args['last'] === 'number' ? args['last'] : undefined;
        const size = first ?? last;
        const at = { path: ['query', ...responsePath], locations: location(selection) };
        if (size === undefined) {
          errors.push({ type: 'MISSING_PAGINATION_BOUNDARIES', ...at, message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.` });
          continue;
        }
        const bound = first !== undefined ? 'first' : 'last';
        if (size > GITHUB_GRAPHQL_LIMITS.pageSize || size < 0) {
          errors.push({
            type: 'EXCESSIVE_PAGINATION',
            ...at,
            message: `Requesting ${size} records on the \`${name}\` connection exceeds the \`${bound}\` limit of ${GITHUB_GRAPHQL_LIMITS.pageSize} records.`,
          });
          continue;
        }
        const key = `${parentType.name}:${responsePath.join('.')}`;
        if (!counted.has(key)) {
          counted.add(key);
          requests += multiplier;
          nodes += multiplier * size;
        }
        inner = multiplier * size;
      }
      if (selection.selectionSet && isCompositeType(named)) walk(selection.selectionSet, named, inner, responsePath, visiting);
    }
  };
  if (root) walk(operation.selectionSet, root, 1, [], new Set());
  if (errors.length === 0 && nodes > GITHUB_GRAPHQL_LIMITS.nodes) {
    errors.push({
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: `This query requests up to ${nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${GITHUB_GRAPHQL_LIMITS.nodes.toLocaleString('en-US')}.`,
    });
  }
  return { requests, nodes, cost: Math.max(1, Math.round(requests / 100)), errors };
}
