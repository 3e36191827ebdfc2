import { ManualClock } from '@undercurrent/clock';
import { generateOrgFile, openTestDataSource, orgFileYaml, type OrgFileData } from '@undercurrent/testing';
import type { DataSource } from 'typeorm';
import { parseOrgFile } from './org-file';
import { OrgStoreRepository } from './org-store.repository';

const TABLES = ['organisation', 'people', 'identities', 'teams', 'memberships', 'leave_periods'] as const;

/** Every row of every org table with its row version (xmin), which changes on any write. */
async function snapshot(dataSource: DataSource): Promise<Record<string, Record<string, unknown>[]>> {
  const result: Record<string, Record<string, unknown>[]> = {};
  for (const table of TABLES) {
    result[table] = (await dataSource.query(`SELECT xmin::text AS version, t.* FROM ${table} t ORDER BY 2, 3`)) as Record<string, unknown>[];
  }
  return result;
}

describe('OrgStoreRepository', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: OrgStoreRepository;

  beforeEach(async () => {
    ({ dataSource, close } = await openTestDataSource());
    store = new OrgStoreRepository(dataSource);
  });
  afterEach(() => close());

  // Each load happens a day after the one before, by the clock the loads are given.
  const clock = new ManualClock('2031-05-05T08:00:00Z');
  const load = (data: OrgFileData) => {
    clock.advance(86_400_000);
    return store.apply(parseOrgFile(orgFileYaml(data)), clock.now());
  };

  it('stores people, identities, teams, memberships, leave and settings', async () => {
    const org = generateOrgFile({ people: 12, teams: 3, seed: 7 });
    const result = await load(org);
    const withLeave = org.people.filter((p) => p.leave).length;
    expect(result.totals).toEqual({ people: 12, teams: 3, identities: 36, memberships: 12, leavePeriods: withLeave });
    const [lead] = (await dataSource.query(`SELECT person_id FROM memberships WHERE team_id = 'team-1' AND role = 'lead'`)) as { person_id: string }[];
    expect(lead?.person_id).toBe('p00001');
    const identities = (await dataSource.query(`SELECT kind, value FROM identities WHERE person_id = 'p00002' ORDER BY kind`)) as unknown[];
    expect(identities).toEqual([
      { kind: 'email', value: 'person00002@example.com' },
      { kind: 'github', value: 'gh-person00002' },
      { kind: 'slack', value: 'U00002SL' },
    ]);
    const [organisation] = (await dataSource.query('SELECT timezone, bots FROM organisation')) as unknown[];
    expect(organisation).toEqual({ timezone: 'Europe/Berlin', bots: ['renovate'] });
  });

  it('leaves every row untouched when the same file is loaded again', async () => {
    const org = generateOrgFile({ people: 30, teams: 4, seed: 3 });
    await load(org);
    const before = await snapshot(dataSource);
    const again = await load(org);
    expect(again.changed).toEqual({ organisation: 0, people: 0, identities: 0, discoveredMerged: 0, memberships: 0, leavePeriods: 0, teams: 0 });
    expect(await snapshot(dataSource)).toEqual(before);
  });

  it('writes only what changed in a changed file', async () => {
    const org = generateOrgFile({ people: 20, teams: 2, seed: 5 });
    await load(org);
    const before = await snapshot(dataSource);

    const changed: OrgFileData = structuredClone(org);
    changed.people[3]!.name = 'Renamed Person';
    changed.people[4]!.github = ['new-login'];
    changed.teams[1]!.name = 'Team Two, renamed';
    const result = await load(changed);

    expect(result.changed).toEqual({ organisation: 1, people: 1, identities: 2, discoveredMerged: 0, memberships: 0, leavePeriods: 0, teams: 1 });
    const after = await snapshot(dataSource);
    const versionsChanged = (table: (typeof TABLES)[number], key: string) =>
      after[table]!.filter((row) => before[table]!.find((old) => old[key] === row[key])?.['version'] !== row['version']).map((row) => row[key]);
    expect(versionsChanged('people', 'id')).toEqual(['p00004']);
    expect(versionsChanged('teams', 'id')).toEqual(['team-2']);
    expect(versionsChanged('memberships', 'id')).toEqual([]);
    expect(after['identities']!.filter((i) => i['person_id'] === 'p00005' && i['kind'] === 'github').map((i) => i['value'])).toEqual(['new-login']);
    // Only the file hash changed in the organisation row, but it did change.
    expect(after['organisation']![0]!['file_hash']).not.toBe(before['organisation']![0]!['file_hash']);
  });

  it('archives people and teams that left the file and ends their memberships, keeping history', async () => {
    const org = generateOrgFile({ people: 6, teams: 2, seed: 1 });
    await load(org);
    const firstLoad = clock.now();
    const smaller: OrgFileData = structuredClone(org);
    smaller.people = smaller.people.filter((p) => p.id !== 'p00003');
    smaller.teams = smaller.teams.map((t) => ({ ...t, members: t.members.filter((m) => m !== 'p00003') })).slice(0, 1);
    const result = await load(smaller);
    expect(result.totals).toMatchObject({ people: 5, teams: 1, identities: 15 });

    const [person] = (await dataSource.query(`SELECT archived_at IS NOT NULL AS archived FROM people WHERE id = 'p00003'`)) as { archived: boolean }[];
    expect(person?.archived).toBe(true);
    const [team] = (await dataSource.query(`SELECT archived_at IS NOT NULL AS archived FROM teams WHERE id = 'team-2'`)) as { archived: boolean }[];
    expect(team?.archived).toBe(true);
    const ended = (await dataSource.query(`SELECT team_id, person_id, ended_at FROM memberships WHERE ended_at IS NOT NULL ORDER BY 1, 2`)) as unknown[];
    // Ended at the time of the load that dropped them, by the clock (not the database's own).
    const endedAt = clock.now();
    expect(ended).toEqual([
      { team_id: 'team-1', person_id: 'p00003', ended_at: endedAt },
      { team_id: 'team-2', person_id: 'p00002', ended_at: endedAt },
      { team_id: 'team-2', person_id: 'p00004', ended_at: endedAt },
      { team_id: 'team-2', person_id: 'p00006', ended_at: endedAt },
    ]);

    // Back in the file: the person is active again with a new membership; the old one stays ended.
    await load(org);
    const memberships = (await dataSource.query(`SELECT ended_at IS NULL AS current, started_at FROM memberships WHERE person_id = 'p00003' ORDER BY started_at`)) as { current: boolean }[];
    expect(memberships).toEqual([
      { current: false, started_at: firstLoad },
      { current: true, started_at: clock.now() },
    ]);
    const [back] = (await dataSource.query(`SELECT archived_at FROM people WHERE id = 'p00003'`)) as { archived_at: Date | null }[];
    expect(back?.archived_at).toBeNull();
  });

  it('gives an identity found in a source to the person the file names', async () => {
    await dataSource.query(`INSERT INTO people (id, name, source) VALUES ('github:alice-gh', 'alice-gh', 'discovered')`);
    await dataSource.query(`INSERT INTO identities (person_id, kind, value, source) VALUES ('github:alice-gh', 'github', 'alice-gh', 'discovered')`);
    await load({ timezone: 'UTC', people: [{ id: 'alice', name: 'Alice', github: ['Alice-GH'] }], teams: [] });
    const rows = (await dataSource.query(`SELECT person_id, source FROM identities WHERE kind = 'github' AND value = 'alice-gh'`)) as unknown[];
    expect(rows).toEqual([{ person_id: 'alice', source: 'org_file' }]);
    // The discovered row was Alice all along: with no identity left, it is archived (not deleted).
    const [discovered] = (await dataSource.query(`SELECT archived_at FROM people WHERE id = 'github:alice-gh'`)) as { archived_at: Date | null }[];
    expect(discovered?.archived_at).toBeInstanceOf(Date);
  });

  it('leaves discovered people that still have an identity alone', async () => {
    await dataSource.query(`INSERT INTO people (id, name, source) VALUES ('slack:U0GUEST01', 'guest', 'discovered')`);
    await dataSource.query(`INSERT INTO identities (person_id, kind, value, source) VALUES ('slack:U0GUEST01', 'slack', 'U0GUEST01', 'discovered')`);
    await load({ timezone: 'UTC', people: [{ id: 'alice', name: 'Alice' }], teams: [] });
    await load({ timezone: 'UTC', people: [{ id: 'alice', name: 'Alice B.' }], teams: [] });
    const [guest] = (await dataSource.query(`SELECT archived_at FROM people WHERE id = 'slack:U0GUEST01'`)) as { archived_at: Date | null }[];
    expect(guest?.archived_at).toBeNull();
  });

  it('serialises concurrent loads so both complete and the result is the same', async () => {
    const org = generateOrgFile({ people: 50, teams: 5, seed: 9 });
    const results = await Promise.all([load(org), load(org), load(org)]);
    expect(results.map((r) => r.totals)).toEqual([results[0]!.totals, results[0]!.totals, results[0]!.totals]);
    const [count] = (await dataSource.query('SELECT count(*)::int AS n FROM memberships')) as { n: number }[];
    expect(count?.n).toBe(50);
  });
});
