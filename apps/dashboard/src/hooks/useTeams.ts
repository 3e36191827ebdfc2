import { useQuery } from '@tanstack/react-query';
import { fetchTeams } from '../api/teams';
import { queryKeys } from './query-keys';

export function useTeams() {
  return useQuery({
    queryKey: queryKeys.teams(),
    queryFn: ({ signal }) => fetchTeams(signal),
  });
}
