import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { signOut } from './auth/session';
import { AppShell } from './components/AppShell';
import { useHashRoute } from './hooks/useHashRoute';
import { useSession } from './hooks/useSession';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { SyncRunsPage } from './pages/SyncRunsPage';
import { TeamsPage } from './pages/TeamsPage';

export function App() {
  const session = useSession();
  const route = useHashRoute();
  const queryClient = useQueryClient();

  // Nothing read with one token may be shown under another.
  useEffect(() => {
    if (session.token === null) queryClient.clear();
  }, [session.token, queryClient]);

  if (session.token === null) return <SignInPage notice={session.notice} />;

  return (
    <AppShell route={route} onSignOut={() => signOut()}>
      {route.name === 'teams' ? <TeamsPage /> : route.name === 'syncs' ? <SyncRunsPage /> : <NotFoundPage />}
    </AppShell>
  );
}
