import { getOperationAST, getVariableValues, parse } from 'graphql';
import {
  githubGraphqlSchema,
  githubGraphqlCost,
  type GithubGraphqlCost,
} from '@undercurrent/testing';
import { PULL_REQUEST_PAGE_QUERIES, PULL_REQUESTS_QUERY } from './pull-requests.query';

const schema = githubGraphqlSchema();

function costOf(query: string, variables: Record<string, unknown> = {}): GithubGraphqlCost {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return githubGraphqlCost(schema, document, operation, coerced.coerced);
}

describe('githubGraphqlCost', () => {
  it('reproduces the example of GitHub’s documentation: 5,101 requests, 51 points', () => {
    const cost = costOf(`query {
      viewer {
        login
        repositories(first: 100) {
          edges { node { id
            pullRequests(first: 50) {
              edges { node { title
                labels(first: 60) { edges { node { name } } }
              } }
            }
          } }
        }
      }
    }`);
    expect(cost).toEqual({ requests: 1 + 100 + 100 * 50, nodes: 100 + 100 * 50 + 100 * 50 * 60, cost: 51, errors: [] });
  });

  it.each([
    [100, 1 + 3 * 100, 3],
    [50, 1 + 3 * 50, 2],
    [20, 1 + 3 * 20, 1],
    [1, 4, 1],
  ])('prices the pull request query with first: %i at %i requests, %i points', (first, requests, points) => {
    expect(costOf(PULL_REQUESTS_QUERY, { owner: 'acme', name: 'x', first })).toMatchObject({ requests, cost: points, errors: [] });
  });

  it.each(Object.entries(PULL_REQUEST_PAGE_QUERIES))('prices the %s follow-up page at the minimum of 1 point', (_name, query) => {
    expect(costOf(query, { id: 'PR_x', after: null })).toMatchObject({ requests: 1, cost: 1, errors: [] });
  });

  it('follows named fragments and aliases, counts each connection once per path, and skips @skip/@include(false)', () => {
    const query = `
      query($skip: Boolean!) {
        repository(owner: "acme", name: "x") {
          open: pullRequests(first: 10, states: OPEN) { nodes { ...Pr } }
          merged: pullRequests(first: 10, states: MERGED) { nodes { ...Pr } }
          closed: pullRequests(first: 10, states: CLOSED) @skip(if: $skip) { nodes { ...Pr } }
          issues(first: 100) @include(if: false) { totalCount }
        }
      }
      fragment Pr on PullRequest { reviews(first: 100) { totalCount } commits(last: 5) { totalCount } }`;
    expect(costOf(query, { skip: true })).toMatchObject({ requests: 2 * (1 + 10 + 10), cost: 1 });
    expect(costOf(query, { skip: false })).toMatchObject({ requests: 3 * (1 + 10 + 10) });
  });

  it('refuses a connection without first or last, or with more than 100, as GitHub does', () => {
    expect(costOf('{ repository(owner: "a", name: "b") { pullRequests { totalCount } } }').errors).toEqual([
      expect.objectContaining({
        type: 'MISSING_PAGINATION_BOUNDARIES',
        message: 'You must provide a `first` or `last` value to properly paginate the `pullRequests` connection.',
        path: ['query', 'repository', 'pullRequests'],
      }),
    ]);
    expect(costOf(PULL_REQUESTS_QUERY, { owner: 'a', name: 'b', first: 101 }).errors).toEqual([
      expect.objectContaining({ type: 'EXCESSIVE_PAGINATION', message: 'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.' }),
    ]);
    expect(costOf('{ repository(owner: "a", name: "b") { issues(last: 500) { totalCount } } }').errors[0]!.message).toBe(
      'Requesting 500 records on the `issues` connection exceeds the `last` limit of 100 records.',
    );
  });

  it('refuses a query that could reach more than 500,000 nodes', () => {
    const cost = costOf(`{ viewer { repositories(first: 100) { nodes { pullRequests(first: 100) { nodes { commits(first: 100) { totalCount } } } } } } }`);
    expect(cost.nodes).toBe(100 + 100 * 100 + 100 * 100 * 100);
    expect(cost.errors).toEqual([expect.objectContaining({ type: 'MAX_NODE_LIMIT_EXCEEDED' })]);
  });
});
