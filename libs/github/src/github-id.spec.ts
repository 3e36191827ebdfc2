import { githubId } from './github-id';

describe('GitHub ids (64-bit, kept as decimal text)', () => {
  it.each([
    ['a GraphQL fullDatabaseId (BigInt, a string on the wire)', '3600000001', '3600000001'],
    ['one past 2^32', '4294967297', '4294967297'],
    ['a REST id past 2^31, as a JSON number', 2_202_108_061, '2202108061'],
    ['a 32-bit databaseId of a user', 2_000_001, '2000001'],
    ['the largest safe JS number', Number.MAX_SAFE_INTEGER, '9007199254740991'],
    ["Octokit's bigint for a REST integer past 2^53", 9_007_199_254_740_993n, '9007199254740993'],
    ['a string past 2^53, digit for digit', '9007199254740993', '9007199254740993'],
    ['the largest PostgreSQL bigint', '9223372036854775807', '9223372036854775807'],
  ])('takes %s', (_what, wire, stored) => {
    expect(githubId.parse(wire)).toBe(stored);
  });

  it.each([
    ['a JSON number past 2^53 (its digits are already lost)', 2 ** 53 + 2],
    ['more than a PostgreSQL bigint holds', '9223372036854775808'],
    ['zero', 0],
    ['a negative number', -5],
    ['a fraction', 1.5],
    ['a leading zero', '0123'],
    ['a node id', 'PR_kwDOABC'],
    ['an empty string', ''],
  ])('refuses %s', (_what, wire) => {
    expect(githubId.safeParse(wire).success).toBe(false);
  });
});
