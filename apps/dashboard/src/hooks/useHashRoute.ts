import type { AlertStatus, SignalTypeName } from '@undercurrent/contracts';
import { ALERT_STATUSES, SIGNAL_TYPE_NAMES } from '@undercurrent/contracts';
import { useSyncExternalStore } from 'react';

/**
 * The dashboard's pages, addressed by the hash (`#/teams/platform?week=2025-W07`). Ids are encoded
 * with `encodeURIComponent` in links and decoded here (signal ids contain `:`).
 */
export type SignalStatusFilter = 'open' | 'closed' | 'all';

export type Route =
  | { name: 'team-week'; teamId: string | null; week: string | null }
  | { name: 'review-network'; teamId: string }
  | { name: 'person'; personId: string }
  | { name: 'delegation'; personId: string }
  | { name: 'signals'; type: SignalTypeName | null; team: string | null; status: SignalStatusFilter }
  | { name: 'signal'; signalId: string }
  | { name: 'alerts'; status: AlertStatus | null }
  | { name: 'alert'; alertId: string; action: 'ack' | 'snooze' | null }
  | { name: 'syncs' }
  | { name: 'not-found'; hash: string };

export type RouteName = Route['name'];

const enc = encodeURIComponent;

function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** Every link of the dashboard is built here. */
export const paths = {
  teamWeek: (teamId?: string | null, week?: string | null) => (teamId ? withQuery(`#/teams/${enc(teamId)}`, { week }) : '#/teams'),
  reviewNetwork: (teamId: string) => `#/teams/${enc(teamId)}/network`,
  person: (personId: string) => `#/people/${enc(personId)}`,
  delegation: (personId: string) => `#/leads/${enc(personId)}/delegation`,
  signals: (filter: { type?: string | null; team?: string | null; status?: SignalStatusFilter | null } = {}) =>
    withQuery('#/signals', { type: filter.type, team: filter.team, status: filter.status === 'all' ? null : filter.status }),
  signal: (signalId: string) => `#/signals/${enc(signalId)}`,
  alerts: (status?: AlertStatus | null) => withQuery('#/alerts', { status }),
  alert: (alertId: string) => `#/alerts/${enc(alertId)}`,
  syncs: () => '#/syncs',
} as const;

/** The main navigation: which pages each entry stands for. */
export const NAV_ITEMS: { label: string; href: string; routes: RouteName[] }[] = [
  { label: 'Team week', href: paths.teamWeek(), routes: ['team-week', 'review-network', 'person', 'delegation'] },
  { label: 'Signals', href: paths.signals(), routes: ['signals', 'signal'] },
  { label: 'Alerts', href: paths.alerts(), routes: ['alerts', 'alert'] },
  { label: 'Sync status', href: paths.syncs(), routes: ['syncs'] },
];

function isSignalType(value: string | null): value is SignalTypeName {
  return value !== null && (SIGNAL_TYPE_NAMES as readonly string[]).includes(value);
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const queryAt = raw.indexOf('?');
  const pathText = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const search = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
  let segments: string[];
  try {
    segments = pathText
      .split('/')
      .filter((part) => part !== '')
      .map((part) => decodeURIComponent(part));
  } catch {
    return { name: 'not-found', hash };
  }
  const [first, second, third] = segments;

  if (first === undefined) return { name: 'team-week', teamId: null, week: null };
  if (first === 'teams') {
    if (second === undefined) return { name: 'team-week', teamId: null, week: search.get('week') };
    if (third === undefined && segments.length === 2) return { name: 'team-week', teamId: second, week: search.get('week') };
    if (third === 'network' && segments.length === 3) return { name: 'review-network', teamId: second };
  }
  if (first === 'people' && second !== undefined && segments.length === 2) return { name: 'person', personId: second };
  if (first === 'leads' && second !== undefined && third === 'delegation' && segments.length === 3) {
    return { name: 'delegation', personId: second };
  }
  if (first === 'signals') {
    if (second === undefined) {
      const type = search.get('type');
      const status = search.get('status');
      return {
        name: 'signals',
        type: isSignalType(type) ? type : null,
        team: search.get('team') || null,
        status: status === 'open' || status === 'closed' ? status : 'all',
      };
    }
    // A signal id with a `/` would arrive in several segments: join them back.
    return { name: 'signal', signalId: segments.slice(1).join('/') };
  }
  if (first === 'alerts') {
    if (second === undefined) {
      const status = search.get('status');
      return { name: 'alerts', status: status !== null && (ALERT_STATUSES as readonly string[]).includes(status) ? (status as AlertStatus) : null };
    }
    if (segments.length === 2) {
      const action = search.get('action');
      return { name: 'alert', alertId: second, action: action === 'ack' || action === 'snooze' ? action : null };
    }
  }
  if (first === 'syncs' && segments.length === 1) return { name: 'syncs' };
  return { name: 'not-found', hash };
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function getHash(): string {
  return window.location.hash;
}

/** The current hash, for effects that must run on every navigation. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, getHash, () => '');
}

export function useHashRoute(): Route {
  return parseHash(useHash());
}

/** Moves to `hash` (a new history entry, like following a link). */
export function navigate(hash: string): void {
  window.location.hash = hash;
}
