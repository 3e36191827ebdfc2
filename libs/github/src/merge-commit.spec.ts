import { looksLikeMergeCommit } from './merge-commit';

describe('looksLikeMergeCommit', () => {
  it.each([
    ["Merge branch 'main' into feature/login", true],
    ['Merge pull request #12 from acme/fix-race', true],
    ["Merge remote-tracking branch 'origin/main'", true],
    ['Merge 1a2b3c4 into 5d6e7f8', true],
    ['Merge tag v1.2.0', true],
    ['Merged the two caches', false],
    ['Fix merge of configs', false],
    ['Apply suggestions from code review', false],
  ])('%j -> %s', (message, merge) => {
    expect(looksLikeMergeCommit(message)).toBe(merge);
  });
});
