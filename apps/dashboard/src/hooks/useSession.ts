import { useSyncExternalStore } from 'react';
import type { Session } from '../auth/session';
import { getSession, subscribeToSession } from '../auth/session';

export function useSession(): Session {
  return useSyncExternalStore(subscribeToSession, getSession, getSession);
}
