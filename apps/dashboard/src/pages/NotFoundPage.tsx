import { PageHeader } from '../components/PageHeader';
import { ROUTES } from '../hooks/useHashRoute';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <p>
        Go to <a href={ROUTES.teams.path}>Teams</a> or <a href={ROUTES.syncs.path}>Sync runs</a>.
      </p>
    </>
  );
}
