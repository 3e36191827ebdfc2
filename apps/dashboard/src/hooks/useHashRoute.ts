import { useSyncExternalStore } from 'react';

/** The dashboard's pages, addressed as `#/teams`, `#/syncs`. */
export const ROUTES = {
  teams: { path: '#/teams', label: 'Teams' },
  syncs: { path: '#/syncs', label: 'Sync runs' },
} as const;

export type RouteName = keyof typeof ROUTES;
export type Route = { name: RouteName } | { name: 'not-found'; hash: string };

export const DEFAULT_ROUTE: RouteName = 'teams';

function isRouteName(value: string): value is RouteName {
  return Object.prototype.hasOwnProperty.call(ROUTES, value);
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  if (path === '') return { name: DEFAULT_ROUTE };
  if (isRouteName(path)) return { name: path };
  return { name: 'not-found', hash };
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function getHash(): string {
  return window.location.hash;
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return parseHash(hash);
}
