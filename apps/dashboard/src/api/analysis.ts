import type {
  AnalysisRunDto,
  CreateAnalysisRequest,
  DelegationDto,
  PersonTimelineDto,
  ReviewNetworkDto,
  SignalDto,
  SignalTypeName,
  TeamWeekReportDto,
} from '@undercurrent/contracts';
import { apiFetch } from './client';

/** `?a=1&b=2` from the defined entries only ('' when none). */
function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

const segment = encodeURIComponent;

export function fetchTeamReport(teamId: string, week: string | null, signal?: AbortSignal): Promise<TeamWeekReportDto> {
  return apiFetch<TeamWeekReportDto>(`/api/teams/${segment(teamId)}/report${query({ week })}`, { signal });
}

export function fetchPersonTimeline(personId: string, weeks: number, signal?: AbortSignal): Promise<PersonTimelineDto> {
  return apiFetch<PersonTimelineDto>(`/api/people/${segment(personId)}/timeline${query({ weeks })}`, { signal });
}

export interface SignalFilter {
  type?: SignalTypeName | null;
  team?: string | null;
  person?: string | null;
  status?: 'open' | 'closed' | null;
  week?: string | null;
}

export function fetchSignals(filter: SignalFilter, signal?: AbortSignal): Promise<SignalDto[]> {
  return apiFetch<SignalDto[]>(`/api/signals${query({ ...filter })}`, { signal });
}

export function fetchSignal(id: string, signal?: AbortSignal): Promise<SignalDto> {
  return apiFetch<SignalDto>(`/api/signals/${segment(id)}`, { signal });
}

export function fetchReviewNetwork(teamId: string, weeks: number, signal?: AbortSignal): Promise<ReviewNetworkDto> {
  return apiFetch<ReviewNetworkDto>(`/api/teams/${segment(teamId)}/review-network${query({ weeks })}`, { signal });
}

export function fetchDelegation(personId: string, weeks: number, signal?: AbortSignal): Promise<DelegationDto> {
  return apiFetch<DelegationDto>(`/api/leads/${segment(personId)}/delegation${query({ weeks })}`, { signal });
}

/** Newest first. */
export function fetchAnalysisRuns(limit: number, signal?: AbortSignal): Promise<AnalysisRunDto[]> {
  return apiFetch<AnalysisRunDto[]>(`/api/analyses${query({ limit })}`, { signal });
}

export function startAnalysisRun(request: CreateAnalysisRequest = {}): Promise<{ id: string }> {
  return apiFetch<{ id: string }>('/api/analyses', { method: 'POST', body: request });
}
