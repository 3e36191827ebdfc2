import { coAuthorEmails, countSuggestions, isBotAccount, numberFromUrl } from './github-rest.schemas';

describe('what is read from bodies and messages (and nothing else)', () => {
  it.each([
    ['no suggestion', 'Looks good, but rename this.', 0],
    ['one suggestion block', 'Try:\n```suggestion\nconst x = 1;\n```', 1],
    ['two, with spacing and case', '```suggestion\na\n```\nand\n  ``` Suggestion\nb\n```', 2],
    ['a plain code block is not one', '```ts\nconst x = 1;\n```', 0],
    ['"suggestion" in prose is not one', 'My suggestion: ```inline``` stays prose', 0],
  ])('counts %s', (_what, body, count) => {
    expect(countSuggestions(body)).toBe(count);
  });

  it('reads co-author trailers as lower-case emails, once each', () => {
    const message = 'Apply suggestions from code review\n\nCo-authored-by: Alice Lead <Alice@Example.com>\nco-authored-by: Bob <bob@example.com>\nCo-authored-by: Alice Lead <alice@example.com>';
    expect(coAuthorEmails(message)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(coAuthorEmails('Fix the thing\n\nSigned-off-by: A <a@example.com>')).toEqual([]);
  });

  it.each([
    [{ login: 'renovate[bot]', type: 'Bot' }, true],
    [{ login: 'some-app[bot]', type: 'User' }, true],
    [{ login: 'copilot-pull-request-reviewer', type: 'User' }, true],
    [{ login: 'Renovate', type: 'User' }, true],
    [{ login: 'alice', type: 'User' }, false],
  ])('tells bots from people: %j', (user, bot) => {
    expect(isBotAccount(user, new Set(['renovate', 'copilot-pull-request-reviewer']))).toBe(bot);
  });

  it('finds the pull request number in its API URLs', () => {
    expect(numberFromUrl('https://api.github.com/repos/panjf2000/ants/pulls/41')).toBe(41);
    expect(numberFromUrl('https://ghe.example.com/api/v3/repos/a/b/issues/7')).toBe(7);
    expect(() => numberFromUrl('https://api.github.com/repos/a/b')).toThrow(/no pull request number/);
  });
});
