import { PageHeader } from '../components/PageHeader';
import { paths } from '../hooks/useHashRoute';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <p>
        Go to the <a href={paths.teamWeek()}>team week</a>, the <a href={paths.signals()}>signals</a> or the{' '}
        <a href={paths.syncs()}>sync status</a>.
      </p>
    </>
  );
}
