/**
 * A merge commit, known by the message git writes for it ("Merge branch 'main' into feature",
 * "Merge pull request #12 from ...", "Merge remote-tracking branch ...", "Merge <sha> into <sha>").
 * GraphQL would need a nested connection per commit to give its parents (a point per pull request
 * of cost), so both sync paths use this rule and store the same row for the same commit. The
 * recorded real commits (test/fixtures/github-recorded) check it against their parent counts: 89
 * of 90 right; the one missed is a merge whose message was rewritten by hand ("fixed #7 chinese").
 */
export function looksLikeMergeCommit(message: string): boolean {
  return /^Merge (branch|remote-tracking branch|pull request|commit|tag) /.test(message) || /^Merge [0-9a-f]{7,40} into [0-9a-f]{7,40}/.test(message);
}
