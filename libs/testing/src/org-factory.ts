import { stringify } from 'yaml';

/** Plain data in the shape of the organisation file, for tests to change and write as YAML. */
export interface OrgFileData {
  timezone: string;
  github?: { organizations?: string[]; repositories?: string[] };
  slack?: { channels?: string[] };
  bots?: string[];
  people: { id: string; name: string; email?: string; github?: string[]; slack?: string[]; leave?: { from: string; to: string }[] }[];
  teams: { id: string; name: string; leads: string[]; members: string[]; channels?: string[]; repositories?: string[] }[];
  signals?: Record<string, Record<string, unknown>>;
  alerts?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** A small deterministic pseudo-random generator (mulberry32), so generated data is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid organisation of `people` people in `teams` teams (each team: one lead, the rest members),
 * with GitHub logins, Slack ids, emails and some leave, from a seed.
 */
export function generateOrgFile(options: { people: number; teams: number; seed?: number }): OrgFileData {
  const random = seededRandom(options.seed ?? 1);
  const people = Array.from({ length: options.people }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return {
      id: `p${n}`,
      name: `Person ${n}`,
      email: `person${n}@example.com`,
      github: [`gh-person${n}`],
      slack: [`U${n}SL`],
      ...(random() < 0.1 ? { leave: [{ from: '2026-08-03', to: '2026-08-14' }] } : {}),
    };
  });
  const teams = Array.from({ length: options.teams }, (_, t) => {
    const ids = people.filter((_, i) => i % options.teams === t).map((p) => p.id);
    return {
      id: `team-${t + 1}`,
      name: `Team ${t + 1}`,
      leads: ids.slice(0, 1),
      members: ids.slice(1),
      channels: [`#team-${t + 1}`],
      repositories: [`acme/service-${t + 1}`],
    };
  });
  return {
    timezone: 'Europe/Berlin',
    github: { organizations: ['acme'], repositories: teams.flatMap((t) => t.repositories) },
    slack: { channels: teams.flatMap((t) => t.channels) },
    bots: ['renovate'],
    people,
    teams,
  };
}

export function orgFileYaml(data: OrgFileData): string {
  return stringify(data);
}
