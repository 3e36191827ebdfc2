import { createHash } from 'node:crypto';
import { generateGithubOrganisation } from './github/github-organisation';
import { generateOrgFile } from './org-factory';
import { generateSlackWorkspace } from './slack/slack-workspace';

// The generators' output without the planted-pattern options must stay byte for byte what it was
// before those options existed: other tests and the benchmarks depend on the exact random stream.
// The hashes were computed with the generators as they were before the options were added.

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const ORG = generateOrgFile({ people: 24, teams: 4, seed: 7 });

describe('generators without the planted-pattern options', () => {
  it('generateGithubOrganisation produces exactly the same organisation as before', () => {
    const fixture = generateGithubOrganisation({
      seed: 42,
      org: 'acme',
      people: ORG.people,
      teams: ORG.teams,
      repositories: ORG.teams.flatMap((t) => t.repositories ?? []),
      weeks: 12,
      endDate: '2026-03-13',
      largePullRequest: true,
    });
    expect(fixture.pullRequests).toHaveLength(288);
    expect(sha256(fixture)).toBe('6cdcd0b8ece9b7d36edbd8cbcdc3a73e8052475a0c8e8fdc19f4a6a2a7f1562d');
  });

  it('generateSlackWorkspace produces exactly the same workspace as before', () => {
    const fixture = generateSlackWorkspace({
      seed: 42,
      people: ORG.people,
      channels: ORG.teams.flatMap((t) => (t.channels ?? []).map((c) => c.slice(1))),
      weeks: 12,
      endDate: '2026-03-13',
    });
    expect(sha256(fixture)).toBe('a58f5afcb19df972d97a7080cdd8e8e7053ee94d4a898f99e4c23db3ff69b3ff');
  });
});
