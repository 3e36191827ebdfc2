import { z } from 'zod';

/**
 * A GitHub database id as decimal text ("4294967297"), the way it travels from the edge to a
 * PostgreSQL `bigint` column and back (`pg` returns `bigint` as text).
 *
 * Why text: GitHub's ids are 64-bit. Pull request and review ids passed 2^31 in 2024, so GraphQL
 * serves them as `fullDatabaseId`, a `BigInt` serialized as a string (the 32-bit `databaseId` is
 * deprecated and fails on them); REST serves them as JSON numbers, which Octokit parses into a
 * `bigint` beyond 2^53. Text carries every one of these unchanged, compares exactly, and never
 * goes through a lossy or 32-bit conversion.
 */
export type GithubId = string;

const INT8_MAX = 9_223_372_036_854_775_807n;

/**
 * Parses a GitHub id in any of its wire forms into a `GithubId`: a decimal string (GraphQL
 * `BigInt`), a safe integer (REST JSON, GraphQL `Int` of users and repositories), or a `bigint`
 * (Octokit's parse of a REST integer beyond 2^53). A JSON number beyond 2^53 has already lost
 * digits and is refused, as is anything a PostgreSQL `bigint` cannot hold.
 */
export const githubId = z
  .union([
    z.string().regex(/^[1-9][0-9]{0,18}$/, 'a GitHub id is a positive decimal integer'),
    // zod 4's int() accepts safe integers only: an unsafe number is refused, not rounded.
    z.number().int().positive(),
    z.bigint().positive(),
  ])
  .transform((id) => String(id))
  .refine((id) => BigInt(id) <= INT8_MAX, 'a GitHub id must fit a 64-bit signed integer');

/** The largest value of a GraphQL `Int` (32-bit signed): what `pullRequest(number:)` accepts. */
export const GRAPHQL_INT_MAX = 2_147_483_647;
