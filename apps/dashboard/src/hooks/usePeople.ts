import type { PersonDto } from '@undercurrent/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchPeople } from '../api/people';
import { queryKeys } from './query-keys';

export function usePeople() {
  return useQuery({
    queryKey: queryKeys.people(),
    queryFn: ({ signal }) => fetchPeople(signal),
    staleTime: 60_000,
  });
}

/** A person's name by id (the id itself until the people are loaded, or for someone unknown). */
export function usePersonNames(): (personId: string) => string {
  const people = usePeople();
  const byId = useMemo(() => new Map((people.data ?? []).map((person: PersonDto) => [person.id, person.name])), [people.data]);
  return (personId: string) => byId.get(personId) ?? personId;
}
