import { affectedRows } from '@undercurrent/db';
import type { DataSource, EntityManager } from 'typeorm';
import type { ParsedOrgFile } from './org-file';


/** Serialises concurrent loads of the organisation file (two workers, or a worker and the API). */
const ORG_LOAD_LOCK_KEY = 7_311_904_262;

export interface OrgLoadResult {
  /** Rows now in force. */
  totals: { people: number; teams: number; identities: number; memberships: number; leavePeriods: number };
  /** Rows this load wrote (inserted, updated, archived, ended or deleted); 0 when the file is unchanged. */
  changed: {
    people: number;
    /** Discovered people archived because the file now names their identities. */
    discoveredMerged: number;
    teams: number;
    identities: number;
    memberships: number;
    leavePeriods: number;
    organisation: number;
  };
}

/**
 * Writes a parsed organisation file into people, identities, teams, memberships, leave periods and
 * the organisation row, in one transaction, with set-based statements (one per table and kind of
 * change). Only rows whose values differ are written, so loading the same file again changes
 * nothing at all (not even a row version). People and teams that left the file are archived and
 * memberships ended, never deleted: their history stays.
 */
export class OrgStoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `at`: the clock's time of this load, when membership changes start and end. */
  async apply({ org, hash }: ParsedOrgFile, at: Date): Promise<OrgLoadResult> {
    const people = org.people.map((p) => ({ id: p.id, name: p.name, email: p.email?.toLowerCase() ?? null }));
    const identities = org.people.flatMap((p) => [
      ...p.github.map((login) => ({ person_id: p.id, kind: 'github', value: login.toLowerCase() })),
      ...p.slack.map((slackId) => ({ person_id: p.id, kind: 'slack', value: slackId })),
      ...(p.email ? [{ person_id: p.id, kind: 'email', value: p.email.toLowerCase() }] : []),
    ]);
    const leave = org.people.flatMap((p) => p.leave.map((l) => ({ person_id: p.id, starts_on: l.from, ends_on: l.to })));
    const teams = org.teams.map((t) => ({ id: t.id, name: t.name, channels: t.channels, repositories: t.repositories }));
    const memberships = org.teams.flatMap((t) => [
      ...t.leads.map((personId) => ({ team_id: t.id, person_id: personId, role: 'lead' })),
      ...t.members.map((personId) => ({ team_id: t.id, person_id: personId, role: 'member' })),
    ]);

    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [ORG_LOAD_LOCK_KEY]);
      const changed = {
        organisation: await this.upsertOrganisation(m, org, hash),
        people: await this.upsertPeople(m, people),
        identities: await this.replaceIdentities(m, identities),
        discoveredMerged: await this.archiveEmptyDiscovered(m),
        leavePeriods: await this.replaceLeave(m, leave),
        teams: await this.upsertTeams(m, teams),
        memberships: await this.replaceMemberships(m, memberships, at),
      };
      const [totals] = (await m.query(`
        SELECT
          (SELECT count(*) FROM people WHERE source = 'org_file' AND archived_at IS NULL)::int AS people,
          (SELECT count(*) FROM teams WHERE archived_at IS NULL)::int AS teams,
          (SELECT count(*) FROM identities)::int AS identities,
          (SELECT count(*) FROM memberships WHERE ended_at IS NULL)::int AS memberships,
          (SELECT count(*) FROM leave_periods)::int AS "leavePeriods"
      `)) as OrgLoadResult['totals'][];
      return { totals: totals!, changed };
    });
  }

  private async upsertOrganisation(m: EntityManager, org: ParsedOrgFile['org'], hash: string): Promise<number> {
    return affectedRows(
      m,
      `INSERT INTO organisation AS o (id, timezone, github, slack, bots, signals, alerts, file_hash)
       VALUES (1, $1, $2::jsonb, $3::jsonb, $4::text[], $5::jsonb, $6::jsonb, $7)
       ON CONFLICT (id) DO UPDATE SET
         timezone = EXCLUDED.timezone, github = EXCLUDED.github, slack = EXCLUDED.slack, bots = EXCLUDED.bots,
         signals = EXCLUDED.signals, alerts = EXCLUDED.alerts, file_hash = EXCLUDED.file_hash, loaded_at = now()
       WHERE (o.timezone, o.github, o.slack, o.bots, o.signals, o.alerts, o.file_hash)
         IS DISTINCT FROM (EXCLUDED.timezone, EXCLUDED.github, EXCLUDED.slack, EXCLUDED.bots, EXCLUDED.signals, EXCLUDED.alerts, EXCLUDED.file_hash)
       RETURNING 1`,
      [
        org.timezone,
        JSON.stringify({ organizations: org.github.organizations, repositories: org.github.repositories }),
        JSON.stringify({ channels: org.slack.channels }),
        org.bots,
        JSON.stringify(org.signals),
        JSON.stringify(org.alerts),
        hash,
      ],
    );
  }

  private async upsertPeople(m: EntityManager, people: { id: string; name: string; email: string | null }[]): Promise<number> {
    const written = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, name text, email text))
       INSERT INTO people AS p (id, name, email, source)
       SELECT id, name, email, 'org_file' FROM input
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, email = EXCLUDED.email, source = 'org_file', archived_at = NULL, updated_at = now()
       WHERE (p.name, p.email, p.source, p.archived_at) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, 'org_file', NULL::timestamptz)
       RETURNING 1`,
      [JSON.stringify(people)],
    );
    const archived = await affectedRows(
      m,
      `UPDATE people SET archived_at = now(), updated_at = now()
       WHERE source = 'org_file' AND archived_at IS NULL AND NOT (id = ANY($1::text[]))
       RETURNING 1`,
      [people.map((p) => p.id)],
    );
    return written + archived;
  }

  private async replaceIdentities(m: EntityManager, identities: { person_id: string; kind: string; value: string }[]): Promise<number> {
    const input = JSON.stringify(identities);
    // Identities the file no longer gives to that person. Discovered identities are left alone.
    const deleted = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(person_id text, kind text, value text))
       DELETE FROM identities i
       WHERE i.source = 'org_file'
         AND NOT EXISTS (SELECT 1 FROM input WHERE input.kind = i.kind AND input.value = i.value AND input.person_id = i.person_id)
       RETURNING 1`,
      [input],
    );
    // New ones; an identity discovered earlier in a source now belongs to the configured person.
    const written = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(person_id text, kind text, value text))
       INSERT INTO identities AS i (person_id, kind, value, source)
       SELECT person_id, kind, value, 'org_file' FROM input
       ON CONFLICT (kind, value) DO UPDATE SET person_id = EXCLUDED.person_id, source = 'org_file'
       WHERE (i.person_id, i.source) IS DISTINCT FROM (EXCLUDED.person_id, 'org_file')
       RETURNING 1`,
      [input],
    );
    return deleted + written;
  }

  /**
   * A person discovered in a source whose identities the file now gives to a configured person is
   * that same human: the empty discovered row is archived (its history stays with the identity).
   */
  private async archiveEmptyDiscovered(m: EntityManager): Promise<number> {
    return affectedRows(
      m,
      `UPDATE people p SET archived_at = now(), updated_at = now()
       WHERE p.source = 'discovered' AND p.archived_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id)
       RETURNING 1`,
      [],
    );
  }

  private async replaceLeave(m: EntityManager, leave: { person_id: string; starts_on: string; ends_on: string }[]): Promise<number> {
    const input = JSON.stringify(leave);
    const deleted = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(person_id text, starts_on date, ends_on date))
       DELETE FROM leave_periods l
       WHERE l.source = 'org_file'
         AND NOT EXISTS (SELECT 1 FROM input WHERE input.person_id = l.person_id AND input.starts_on = l.starts_on AND input.ends_on = l.ends_on)
       RETURNING 1`,
      [input],
    );
    const inserted = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(person_id text, starts_on date, ends_on date))
       INSERT INTO leave_periods (person_id, starts_on, ends_on, source)
       SELECT person_id, starts_on, ends_on, 'org_file' FROM input
       ON CONFLICT (person_id, starts_on, ends_on, source) DO NOTHING
       RETURNING 1`,
      [input],
    );
    return deleted + inserted;
  }

  private async upsertTeams(m: EntityManager, teams: { id: string; name: string; channels: string[]; repositories: string[] }[]): Promise<number> {
    const written = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, name text, channels text[], repositories text[]))
       INSERT INTO teams AS t (id, name, channels, repositories)
       SELECT id, name, channels, repositories FROM input
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, channels = EXCLUDED.channels, repositories = EXCLUDED.repositories,
         archived_at = NULL, updated_at = now()
       WHERE (t.name, t.channels, t.repositories, t.archived_at)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.channels, EXCLUDED.repositories, NULL::timestamptz)
       RETURNING 1`,
      [JSON.stringify(teams)],
    );
    const archived = await affectedRows(
      m,
      `UPDATE teams SET archived_at = now(), updated_at = now()
       WHERE archived_at IS NULL AND NOT (id = ANY($1::text[]))
       RETURNING 1`,
      [teams.map((t) => t.id)],
    );
    return written + archived;
  }

  private async replaceMemberships(m: EntityManager, memberships: { team_id: string; person_id: string; role: string }[], at: Date): Promise<number> {
    const input = JSON.stringify(memberships);
    const ended = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(team_id text, person_id text, role text))
       UPDATE memberships ms SET ended_at = $2
       WHERE ms.ended_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM input WHERE input.team_id = ms.team_id AND input.person_id = ms.person_id AND input.role = ms.role)
       RETURNING 1`,
      [input, at],
    );
    const started = await affectedRows(
      m,
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(team_id text, person_id text, role text))
       INSERT INTO memberships (team_id, person_id, role, started_at)
       SELECT team_id, person_id, role, $2 FROM input
       ON CONFLICT (team_id, person_id, role) WHERE ended_at IS NULL DO NOTHING
       RETURNING 1`,
      [input, at],
    );
    return ended + started;
  }
}
