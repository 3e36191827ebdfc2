import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { PULL_REQUEST_PAGE_QUERIES, PULL_REQUEST_QUERY, PULL_REQUESTS_QUERY } from './pull-requests.query';

/**
 * GitHub's published GraphQL schema (npm `@octokit/graphql-schema`), from its introspection JSON:
 * the package's SDL file defines some fields twice, which `buildSchema` rightly refuses.
 */
const introspection = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/@octokit/graphql-schema/schema.json'), 'utf8')) as { data?: IntrospectionQuery } & IntrospectionQuery;
const schema = buildClientSchema(introspection.data ?? introspection);

describe('the GitHub GraphQL queries', () => {
  it.each([['pull requests', PULL_REQUESTS_QUERY], ['one pull request', PULL_REQUEST_QUERY], ...Object.entries(PULL_REQUEST_PAGE_QUERIES)])('%s: valid against the real GitHub schema', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('would be refused if it asked for a field GitHub does not have', () => {
    const broken = PULL_REQUESTS_QUERY.replace('isDraft', 'isDraftt');
    expect(validate(schema, parse(broken)).map((e) => e.message)).toEqual([expect.stringContaining('Cannot query field "isDraftt"')]);
  });
});
