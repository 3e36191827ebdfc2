import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getNamedType, isObjectType, parse, TypeInfo, validate, visit, visitWithTypeInfo, type IntrospectionQuery } from 'graphql';
import { PULL_REQUEST_PAGE_QUERIES, PULL_REQUEST_QUERY, PULL_REQUESTS_QUERY } from './pull-requests.query';

/**
 * GitHub's published GraphQL schema (npm `@octokit/graphql-schema`), from its introspection JSON:
 * the package's SDL file defines some fields twice, which `buildSchema` rightly refuses.
 */
const introspection = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/@octokit/graphql-schema/schema.json'), 'utf8')) as { data?: IntrospectionQuery } & IntrospectionQuery;
const schema = buildClientSchema(introspection.data ?? introspection);

const QUERIES = [['pull requests', PULL_REQUESTS_QUERY], ['one pull request', PULL_REQUEST_QUERY], ...Object.entries(PULL_REQUEST_PAGE_QUERIES)] as const;

/** Every field a query selects, as `Type.field`, with whether GitHub deprecated it and whether its type has a `fullDatabaseId`. */
function selectedFields(query: string): { field: string; deprecated: string | undefined; parentHasFullDatabaseId: boolean }[] {
  const typeInfo = new TypeInfo(schema);
  const found: ReturnType<typeof selectedFields> = [];
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const named = getNamedType(parent);
        found.push({
          field: `${named.name}.${field.name}`,
          deprecated: field.deprecationReason ?? undefined,
          parentHasFullDatabaseId: isObjectType(named) && 'fullDatabaseId' in named.getFields(),
        });
      },
    }),
  );
  return found;
}

describe('the GitHub GraphQL queries', () => {
  it.each(QUERIES)('%s: valid against the real GitHub schema', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('would be refused if it asked for a field GitHub does not have', () => {
    const broken = PULL_REQUESTS_QUERY.replace('isDraft', 'isDraftt');
    expect(validate(schema, parse(broken)).map((e) => e.message)).toEqual([expect.stringContaining('Cannot query field "isDraftt"')]);
  });

  it.each(QUERIES)('%s: asks for no field GitHub deprecated (PullRequest.databaseId was, for 64-bit ids)', (_name, query) => {
    expect(selectedFields(query).filter((f) => f.deprecated).map((f) => `${f.field}: ${f.deprecated}`)).toEqual([]);
  });

  it.each(QUERIES)('%s: reads the 64-bit fullDatabaseId wherever GitHub has one, databaseId only where it has nothing wider', (_name, query) => {
    const fields = selectedFields(query);
    expect(fields.filter((f) => f.field.endsWith('.databaseId') && f.parentHasFullDatabaseId).map((f) => f.field)).toEqual([]);
    const databaseIds = [...new Set(fields.filter((f) => f.field.endsWith('.databaseId')).map((f) => f.field))].sort();
    // The types whose only numeric id is the 32-bit databaseId, as of the published schema.
    expect(databaseIds.every((f) => ['User.databaseId', 'Bot.databaseId', 'Mannequin.databaseId', 'Repository.databaseId'].includes(f))).toBe(true);
  });

  it('reads pull requests and reviews by fullDatabaseId', () => {
    const fields = selectedFields(PULL_REQUESTS_QUERY).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['PullRequest.fullDatabaseId', 'PullRequestReview.fullDatabaseId']));
    // The check above would catch the old query: it asked for PullRequest.databaseId.
    const old = selectedFields(PULL_REQUESTS_QUERY.replace('id fullDatabaseId number', 'id databaseId number'));
    expect(old.filter((f) => f.field === 'PullRequest.databaseId')).toEqual([expect.objectContaining({ parentHasFullDatabaseId: true, deprecated: expect.stringContaining('64-bit') })]);
  });
});
