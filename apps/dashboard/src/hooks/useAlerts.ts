import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertFilter } from '../api/alerts';
import { acknowledgeAlert, fetchAlert, fetchAlerts, snoozeAlert } from '../api/alerts';
import { queryKeys } from './query-keys';

export function useAlerts(filter: AlertFilter) {
  return useQuery({ queryKey: queryKeys.alerts(filter), queryFn: ({ signal }) => fetchAlerts(filter, signal), placeholderData: keepPreviousData });
}

export function useAlert(id: string) {
  return useQuery({ queryKey: queryKeys.alert(id), queryFn: ({ signal }) => fetchAlert(id, signal) });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => acknowledgeAlert(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.allAlerts() }),
  });
}

export function useSnoozeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, until }: { id: string; until: string }) => snoozeAlert(id, until),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.allAlerts() }),
  });
}
