import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState, errorMessage, LoadingState } from './QueryStates';

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  /** What is loading, in words ("the team's week"). */
  what: string;
  children: (data: T) => ReactNode;
  /** Shown above the loading and error states only (the page's heading until the data names it). */
  header?: ReactNode;
}

/**
 * The loading, error and refresh-failed states of one query around its content: never a blank page.
 * A failed refresh keeps the data on screen with the problem above it.
 */
export function QueryView<T>({ query, what, children, header }: QueryViewProps<T>) {
  if (query.data === undefined) {
    if (query.isError) {
      return (
        <>
          {header}
          <ErrorState
          title={`${capitalize(what)} could not be loaded.`}
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          />
        </>
      );
    }
    return (
      <>
        {header}
        <LoadingState>Loading {what}…</LoadingState>
      </>
    );
  }
  return (
    <>
      {query.isError ? (
        <p className="form-problem" role="alert">
          {capitalize(what)} could not be refreshed: {errorMessage(query.error)}
        </p>
      ) : null}
      {children(query.data)}
    </>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
