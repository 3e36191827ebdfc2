import { IdentityEntity } from './identity.entity';
import { LeavePeriodEntity } from './leave-period.entity';
import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { PersonEntity } from './person.entity';
import { SyncRunEntity } from './sync-run.entity';
import { TeamEntity } from './team.entity';

export { IdentityEntity, LeavePeriodEntity, MembershipEntity, OrganisationEntity, PersonEntity, SyncRunEntity, TeamEntity };
export type { IdentityKind } from './identity.entity';

/** Every entity, listed (never globbed from dist/). */
export const ENTITIES = [
  PersonEntity,
  IdentityEntity,
  TeamEntity,
  MembershipEntity,
  LeavePeriodEntity,
  OrganisationEntity,
  SyncRunEntity,
];
