import { createHash } from 'node:crypto';
import { generateGithubOrganisation } from './github/github-organisation';
import { generateOrgFile } from './org-factory';
import { generateSlackWorkspace } from './slack/slack-workspace';

// The generators' output without the planted-pattern options must stay byte for byte what it was
// before those options existed: other tests and the benchmarks depend on the exact random stream.
// The hashes were computed with the generators as they were before the options were added.
//
// The GitHub pin changed once, on purpose (issue 18): pull request, review, comment and timeline
// event ids moved to today's ranges (GITHUB_ID_RANGES: past 2^31, crossing 2^32). Only those ids and
// the node ids derived from them changed: with every id of 10^9 or more and those node ids masked,
// the fixture hashed the same before and after (random stream, people, times, traits untouched).

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
    expect(sha256(fixture)).toBe('3d86293d4f1e9726d8a0921a2a57238a2230410d88c5bdd200e25e23f4f31902');
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
