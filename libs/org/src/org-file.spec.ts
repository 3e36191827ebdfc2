import { OrgFileError, parseOrgFile, type OrgFileProblem } from './org-file';

/** The example of PRODUCT.md, verbatim. */
const PRODUCT_EXAMPLE = `
timezone: Europe/Berlin
github:
  organizations: [acme]              # every repository of these organisations
  repositories: [acme/payments-api]  # and/or these
slack:
  channels: ["#payments-dev", C0123ABCD]   # names or ids
bots: [renovate, copilot-pull-request-reviewer]  # GitHub logins or Slack ids to ignore, beyond the automatic ones
people:
  - id: alice
    name: Alice Example
    email: alice@example.com
    github: [alice-gh]
    slack: [U0123ABCD]
    leave: [{from: 2026-08-03, to: 2026-08-14}]
teams:
  - id: payments
    name: Payments
    leads: [alice]
    members: [bob, carol]
    channels: ["#payments-dev"]
    repositories: [acme/payments-api]
signals:                              # optional overrides of the defaults above
  silent_member: {baselineWeeks: 8, quietRatio: 0.3, quietWeeks: 2}
alerts:
  slack: {dm: true, channel: "#eng-leads"}
  webhook: {url: "https://example.com/hooks/undercurrent", secret: "..."}
`;

/** A valid file to break one thing at a time. */
const BASE = `
timezone: Europe/Berlin
people:
  - {id: alice, name: Alice, email: alice@example.com, github: [alice-gh], slack: [U0123ABCD]}
  - {id: bob, name: Bob, email: bob@example.com, github: [bob-gh], slack: [U0123BOB1]}
  - {id: carol, name: Carol}
teams:
  - {id: payments, name: Payments, leads: [alice], members: [bob, carol]}
  - {id: web, name: Web, leads: [bob], members: []}
`;

function problems(text: string): OrgFileProblem[] {
  try {
    parseOrgFile(text, 'org.yaml');
  } catch (error) {
    if (error instanceof OrgFileError) return error.problems;
    throw error;
  }
  throw new Error('expected an OrgFileError');
}

describe('parseOrgFile', () => {
  it('reads a valid file into people, teams and settings, with defaults for what is left out', () => {
    const { org, hash } = parseOrgFile(BASE);
    expect(org.timezone).toBe('Europe/Berlin');
    expect(org.people.map((p) => p.id)).toEqual(['alice', 'bob', 'carol']);
    expect(org.people[2]).toMatchObject({ github: [], slack: [], leave: [] });
    expect(org.teams[0]).toMatchObject({ id: 'payments', leads: ['alice'], members: ['bob', 'carol'], channels: [], repositories: [] });
    expect(org.github).toEqual({ organizations: [], repositories: [] });
    expect(org.bots).toEqual([]);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same file the same hash and a changed file another', () => {
    expect(parseOrgFile(BASE).hash).toBe(parseOrgFile(BASE).hash);
    expect(parseOrgFile(`${BASE}\n# a comment\n`).hash).not.toBe(parseOrgFile(BASE).hash);
  });

  it('accepts extra keys anywhere', () => {
    const { org } = parseOrgFile(`${BASE}\nowner: platform-team\n`.replace('{id: carol, name: Carol}', '{id: carol, name: Carol, pronouns: she/her}'));
    expect(org.people[2]?.id).toBe('carol');
  });

  it('takes dates that YAML reads as timestamps', () => {
    const { org } = parseOrgFile(BASE.replace('{id: carol, name: Carol}', '{id: carol, name: Carol, leave: [{from: 2026-08-03, to: 2026-08-14}]}'));
    expect(org.people[2]?.leave).toEqual([{ from: '2026-08-03', to: '2026-08-14' }]);
  });

  it("parses PRODUCT.md's example once its placeholders are filled in", () => {
    // The example's webhook secret is a placeholder, and its team lists members bob and carol
    // without defining them: exactly that is reported, the entries first, then the references.
    expect(problems(PRODUCT_EXAMPLE)).toEqual([{ path: 'alerts.webhook.secret', message: 'must be at least 16 characters long' }]);
    const withSecret = PRODUCT_EXAMPLE.replace('secret: "..."', 'secret: "a-long-enough-webhook-secret"');
    expect(problems(withSecret)).toEqual([
      { path: 'teams[0].members[0]', message: 'unknown person "bob"' },
      { path: 'teams[0].members[1]', message: 'unknown person "carol"' },
    ]);
    const completed = withSecret.replace('teams:\n', '  - {id: bob, name: Bob}\n  - {id: carol, name: Carol}\nteams:\n');
    const { org } = parseOrgFile(completed);
    expect(org.slack.channels).toEqual(['#payments-dev', 'C0123ABCD']);
    expect(org.signals).toEqual({ silent_member: { baselineWeeks: 8, quietRatio: 0.3, quietWeeks: 2 } });
    expect(org.alerts).toMatchObject({ slack: { dm: true, channel: '#eng-leads' }, webhook: { url: 'https://example.com/hooks/undercurrent' } });
  });

  const cases: [string, string, OrgFileProblem[]][] = [
    ['a team lead who is not a person', BASE.replace('leads: [bob]', 'leads: [zed]'), [{ path: 'teams[1].leads[0]', message: 'unknown person "zed"' }]],
    ['a team member who is not a person', BASE.replace('members: [bob, carol]', 'members: [bob, dave]'), [{ path: 'teams[0].members[1]', message: 'unknown person "dave"' }]],
    ['a person twice in one team', BASE.replace('members: [bob, carol]', 'members: [bob, alice]'), [{ path: 'teams[0].members[1]', message: '"alice" is already listed at teams[0].leads[0]' }]],
    ['a duplicate person id', BASE.replace('{id: carol, name: Carol}', '{id: alice, name: Carol}'), [{ path: 'people[2].id', message: 'duplicate person id "alice" (also people[0])' }, { path: 'teams[0].members[1]', message: 'unknown person "carol"' }]],
    ['a duplicate team id', BASE.replace('{id: web, name: Web', '{id: payments, name: Web'), [{ path: 'teams[1].id', message: 'duplicate team id "payments" (also teams[0])' }]],
    ['a GitHub login given to two people (any case)', BASE.replace('github: [bob-gh]', 'github: [Alice-GH]'), [{ path: 'people[1].github[0]', message: 'GitHub login "Alice-GH" is already given at people[0].github[0]' }]],
    ['a Slack id given to two people', BASE.replace('slack: [U0123BOB1]', 'slack: [U0123ABCD]'), [{ path: 'people[1].slack[0]', message: 'Slack id "U0123ABCD" is already given at people[0].slack[0]' }]],
    ['an email given to two people', BASE.replace('email: bob@example.com', 'email: ALICE@example.com'), [{ path: 'people[1].email', message: 'email "ALICE@example.com" is already given at people[0].email' }]],
    ['a leave that ends before it starts', BASE.replace('{id: carol, name: Carol}', '{id: carol, name: Carol, leave: [{from: 2026-08-14, to: 2026-08-03}]}'), [{ path: 'people[2].leave[0]', message: 'from (2026-08-14) is after to (2026-08-03)' }]],
    ['a leave date that does not exist', BASE.replace('{id: carol, name: Carol}', '{id: carol, name: Carol, leave: [{from: "2026-02-30", to: "2026-03-01"}]}'), [{ path: 'people[2].leave[0].from', message: '"2026-02-30" is not a date (YYYY-MM-DD)' }]],
    ['a missing timezone', BASE.replace('timezone: Europe/Berlin', ''), [{ path: 'timezone', message: 'is required' }]],
    ['an unknown timezone', BASE.replace('Europe/Berlin', 'Mars/Olympus'), [{ path: 'timezone', message: 'must be an IANA time zone such as "Europe/Berlin"' }]],
    ['no people', 'timezone: UTC\nteams: []\n', [{ path: 'people', message: 'is required' }]],
    ['people that is not a list', 'timezone: UTC\npeople: alice\n', [{ path: 'people', message: 'must be a list' }]],
    ['a person without a name', BASE.replace('{id: carol, name: Carol}', '{id: carol}'), [{ path: 'people[2].name', message: 'is required' }]],
    ['a person id with spaces', BASE.replace('{id: carol, name: Carol}', '{id: "carol c", name: Carol}'), [{ path: 'people[2].id', message: expect.stringMatching(/letters, digits/) }]],
    ['a bad email', BASE.replace('email: bob@example.com', 'email: bob-at-example'), [{ path: 'people[1].email', message: 'must be an email address' }]],
    ['a bad Slack user id', BASE.replace('slack: [U0123BOB1]', 'slack: ["@bob"]'), [{ path: 'people[1].slack[0]', message: 'must be a Slack user id ("U0123ABCD")' }]],
    ['a bad GitHub login', BASE.replace('github: [bob-gh]', 'github: ["bob gh"]'), [{ path: 'people[1].github[0]', message: 'must be a GitHub login' }]],
    ['a repository that is not owner/name', `${BASE}github: {repositories: [payments-api]}\n`, [{ path: 'github.repositories[0]', message: 'must be "owner/name"' }]],
    ['a team repository that is not owner/name', BASE.replace('{id: web, name: Web, leads: [bob], members: []}', '{id: web, name: Web, leads: [bob], members: [], repositories: [web]}'), [{ path: 'teams[1].repositories[0]', message: 'must be "owner/name"' }]],
    ['a bad channel', `${BASE}slack: {channels: ["Payments Dev"]}\n`, [{ path: 'slack.channels[0]', message: 'must be a channel name ("#name") or id ("C0123ABCD")' }]],
    ['a webhook URL that is not http(s)', `${BASE}alerts: {webhook: {url: "ftp://x.example.com", secret: "a-long-enough-webhook-secret"}}\n`, [{ path: 'alerts.webhook.url', message: 'must be an http(s) URL' }]],
    ['a webhook without a secret', `${BASE}alerts: {webhook: {url: "https://x.example.com"}}\n`, [{ path: 'alerts.webhook.secret', message: 'is required' }]],
    ['a whsec_ webhook secret of fewer than 16 bytes', `${BASE}alerts: {webhook: {url: "https://x.example.com", secret: "whsec_c2hvcnQtc2VjcmV0"}}\n`, [{ path: 'alerts.webhook.secret', message: 'must be at least 16 characters long' }]],
    ['an unknown key in quiet hours', `${BASE}alerts: {quietHours: {from: "20:00", untill: "08:00"}}\n`, [{ path: 'alerts.quietHours', message: 'unknown key "untill" (known: from, to, weekends)' }]],
    ['quiet hours that are not a time of day', `${BASE}alerts: {quietHours: {from: "8pm"}}\n`, [{ path: 'alerts.quietHours.from', message: 'must be a time of day ("20:00")' }]],
    ['quiet hours that are true', `${BASE}alerts: {quietHours: true}\n`, [{ path: 'alerts.quietHours', message: 'must be false or a mapping {from, to, weekends}' }]],
    ['a digest day that is not a day', `${BASE}alerts: {digest: {day: mondays, time: "09:00"}}\n`, [{ path: 'alerts.digest.day', message: 'must be a day of the week (monday, tuesday, wednesday, thursday, friday, saturday, sunday)' }]],
    ['a digest time that is not a time of day', `${BASE}alerts: {digest: {day: monday, time: "9am"}}\n`, [{ path: 'alerts.digest.time', message: 'must be a time of day ("20:00")' }]],
    ['an unknown key in the digest', `${BASE}alerts: {digest: {day: monday, hour: "09:00"}}\n`, [{ path: 'alerts.digest', message: 'unknown key "hour" (known: day, time)' }]],
    ['a digest without a day', `${BASE}alerts: {digest: {time: "09:00"}}\n`, [{ path: 'alerts.digest.day', message: 'must be a day of the week (monday, tuesday, wednesday, thursday, friday, saturday, sunday)' }]],
    ['an alerting signal that does not exist', `${BASE}alerts: {signals: [silent_members]}\n`, [{ path: 'alerts.signals[0]', message: 'must be one of bottleneck_lead, rewriting_lead, silent_member' }]],
    ['a short webhook secret', `${BASE}alerts: {webhook: {url: "https://x.example.com", secret: "..."}}\n`, [{ path: 'alerts.webhook.secret', message: 'must be at least 16 characters long' }]],
    ['signals that are not a mapping', `${BASE}signals: [silent_member]\n`, [{ path: 'signals', message: expect.stringMatching(/mapping/) }]],
    ['a list where a mapping belongs', '- timezone: UTC\n', [{ path: '', message: 'must be a YAML mapping with timezone, people and teams' }]],
    ['an empty file', '', [{ path: '', message: 'must be a YAML mapping with timezone, people and teams' }]],
    ['a YAML syntax error', 'timezone: UTC\npeople: [\n', [{ path: '', message: expect.stringMatching(/^YAML syntax error at line \d+, column \d+/) }]],
    ['a key given twice', 'timezone: UTC\ntimezone: Europe/Berlin\npeople: []\n', [{ path: '', message: expect.stringMatching(/YAML syntax error at line 2/) }]],
  ];

  it.each(cases)('reports %s with its path', (_what, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('reports every problem of a file at once', () => {
    const broken = BASE.replace('leads: [bob]', 'leads: [zed]').replace('members: [bob, carol]', 'members: [bob, dave]');
    expect(problems(broken).map((p) => p.path)).toEqual(['teams[0].members[1]', 'teams[1].leads[0]']);
  });

  it('refuses signal settings the analysis would refuse, naming each', () => {
    expect(problems(`${BASE}signals: {silent_member: {quietRatio: "lots"}}\n`)).toEqual([{ path: 'signals.silent_member.quietRatio', message: expect.any(String) }]);
    expect(problems(`${BASE}signals: {grumpy_lead: {}}\n`).map((p) => p.path)).toEqual([expect.stringMatching(/^signals/)]);
    expect(parseOrgFile(`${BASE}signals: {silent_member: {baselineWeeks: 8, quietRatio: 0.3}}\n`).org.signals).toEqual({ silent_member: { baselineWeeks: 8, quietRatio: 0.3 } });
  });

  it('refuses a YAML alias bomb with a problem of the file, not a crash', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(() => parseOrgFile(`${bomb}\n`, 'org.yaml')).toThrow(OrgFileError);
    expect(problems(`${bomb}\n`)).toEqual([{ path: '', message: expect.stringMatching(/^cannot be read as YAML: .*alias/i) }]);
  });

  it('names the file and each problem in its message', () => {
    expect(() => parseOrgFile(BASE.replace('leads: [bob]', 'leads: [zed]'), 'config/org.yaml')).toThrow(
      'config/org.yaml: the organisation file is not valid:\n  teams[1].leads[0]: unknown person "zed"',
    );
  });
});
