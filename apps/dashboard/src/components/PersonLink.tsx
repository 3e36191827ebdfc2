import { paths } from '../hooks/useHashRoute';

export function PersonLink({ personId, name }: { personId: string; name: string }) {
  return <a href={paths.person(personId)}>{name}</a>;
}
