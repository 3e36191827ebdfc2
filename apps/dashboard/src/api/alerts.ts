import type { AlertAttemptDto, AlertDto, AlertStatus } from '@undercurrent/contracts';
import { apiFetch } from './client';

export interface AlertFilter {
  status: AlertStatus | null;
}

export type AlertWithAttempts = AlertDto & { attemptLog: AlertAttemptDto[] };

const segment = encodeURIComponent;

/** Newest first. */
export function fetchAlerts(filter: AlertFilter, signal?: AbortSignal): Promise<AlertDto[]> {
  return apiFetch<AlertDto[]>(`/api/alerts${filter.status ? `?status=${filter.status}` : ''}`, { signal });
}

export function fetchAlert(id: string, signal?: AbortSignal): Promise<AlertWithAttempts> {
  return apiFetch<AlertWithAttempts>(`/api/alerts/${segment(id)}`, { signal });
}

export function acknowledgeAlert(id: string): Promise<AlertDto> {
  return apiFetch<AlertDto>(`/api/alerts/${segment(id)}/ack`, { method: 'POST' });
}

/** `until`: an ISO 8601 instant. */
export function snoozeAlert(id: string, until: string): Promise<AlertDto> {
  return apiFetch<AlertDto>(`/api/alerts/${segment(id)}/snooze`, { method: 'POST', body: { until } });
}
