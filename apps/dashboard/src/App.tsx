import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { signOut } from './auth/session';
import { AppShell } from './components/AppShell';
import { parseHash, useHash } from './hooks/useHashRoute';
import { useSession } from './hooks/useSession';
import { AlertPage, AlertsPage } from './pages/AlertsPage';
import { DelegationPage } from './pages/DelegationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PersonPage } from './pages/PersonPage';
import { ReviewNetworkPage } from './pages/ReviewNetworkPage';
import { SignalPage } from './pages/SignalPage';
import { SignalsPage } from './pages/SignalsPage';
import { SignInPage } from './pages/SignInPage';
import { SyncRunsPage } from './pages/SyncRunsPage';
import { TeamWeekPage } from './pages/TeamWeekPage';
import type { Route } from './hooks/useHashRoute';

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'team-week':
      return <TeamWeekPage teamId={route.teamId} week={route.week} />;
    case 'review-network':
      return <ReviewNetworkPage key={route.teamId} teamId={route.teamId} />;
    case 'person':
      return <PersonPage key={route.personId} personId={route.personId} />;
    case 'delegation':
      return <DelegationPage key={route.personId} personId={route.personId} />;
    case 'signals':
      return <SignalsPage type={route.type} team={route.team} status={route.status} />;
    case 'signal':
      return <SignalPage key={route.signalId} signalId={route.signalId} />;
    case 'alerts':
      return <AlertsPage status={route.status} />;
    case 'alert':
      return <AlertPage key={route.alertId} alertId={route.alertId} action={route.action} />;
    case 'syncs':
      return <SyncRunsPage />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const session = useSession();
  const hash = useHash();
  const route = parseHash(hash);
  const queryClient = useQueryClient();

  // Nothing read with one token may be shown under another.
  useEffect(() => {
    if (session.token === null) queryClient.clear();
  }, [session.token, queryClient]);

  if (session.token === null) return <SignInPage notice={session.notice} />;

  return (
    <AppShell route={route} pageKey={hash.split('?')[0] ?? ''} onSignOut={() => signOut()}>
      <Page route={route} />
    </AppShell>
  );
}
