import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PersonDto, TeamDto } from '@undercurrent/contracts';
import { OrgQueriesRepository } from '@undercurrent/org';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api')
export class OrgController {
  constructor(private readonly org: OrgQueriesRepository) {}

  @Get('teams')
  @ApiOkResponse({ description: 'Teams with their leads, members, channels and repositories' })
  teams(): Promise<TeamDto[]> {
    return this.org.listTeams();
  }

  @Get('people')
  @ApiOkResponse({ description: 'People of the organisation file, then unassigned people found in the sources' })
  people(): Promise<PersonDto[]> {
    return this.org.listPeople();
  }
}
