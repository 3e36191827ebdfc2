import type { PersonDto, TeamDto } from '@undercurrent/contracts';
import type { DataSource } from 'typeorm';

/** Read side of people and teams, for the API. */
export class OrgQueriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listTeams(): Promise<TeamDto[]> {
    return (await this.dataSource.query(`
      SELECT t.id, t.name, t.channels, t.repositories,
        COALESCE(array_agg(m.person_id ORDER BY m.person_id) FILTER (WHERE m.role = 'lead'), '{}') AS leads,
        COALESCE(array_agg(m.person_id ORDER BY m.person_id) FILTER (WHERE m.role = 'member'), '{}') AS members
      FROM teams t
      LEFT JOIN memberships m ON m.team_id = t.id AND m.ended_at IS NULL
      WHERE t.archived_at IS NULL
      GROUP BY t.id
      ORDER BY t.name, t.id
    `)) as TeamDto[];
  }

  async listPeople(): Promise<PersonDto[]> {
    return (await this.dataSource.query(`
      WITH ids AS (
        SELECT person_id,
          array_agg(value ORDER BY value) FILTER (WHERE kind = 'github') AS github,
          array_agg(value ORDER BY value) FILTER (WHERE kind = 'slack') AS slack
        FROM identities GROUP BY person_id
      ), team_roles AS (
        SELECT person_id, jsonb_agg(jsonb_build_object('teamId', team_id, 'role', role) ORDER BY team_id, role) AS teams
        FROM memberships WHERE ended_at IS NULL GROUP BY person_id
      )
      SELECT p.id, p.name, p.email, p.source,
        COALESCE(ids.github, '{}') AS github, COALESCE(ids.slack, '{}') AS slack,
        COALESCE(team_roles.teams, '[]'::jsonb) AS teams
      FROM people p
      LEFT JOIN ids ON ids.person_id = p.id
      LEFT JOIN team_roles ON team_roles.person_id = p.id
      WHERE p.archived_at IS NULL
      ORDER BY p.source DESC, p.name, p.id
    `)) as PersonDto[];
  }
}
