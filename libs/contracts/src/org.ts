export type MembershipRole = 'lead' | 'member';

export interface TeamDto {
  id: string;
  name: string;
  leads: string[];
  members: string[];
  channels: string[];
  repositories: string[];
}

export interface PersonDto {
  id: string;
  name: string;
  email: string | null;
  /** `org_file` for people of the organisation file, `discovered` for unassigned people found in a source. */
  source: 'org_file' | 'discovered';
  github: string[];
  slack: string[];
  teams: { teamId: string; role: MembershipRole }[];
}
