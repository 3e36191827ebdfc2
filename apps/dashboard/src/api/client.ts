import { getToken } from '../auth/session';

/** A failed call: `status` is the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Use this token instead of the session's (to check a token before signing in). */
  token?: string;
}

/** The server's own words for a failure (`{message}`; Nest validation sends a list), else the status. */
async function failureMessage(response: Response): Promise<string> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (typeof payload === 'object' && payload !== null && 'message' in payload) {
    const { message } = payload;
    if (typeof message === 'string' && message.trim() !== '') return message;
    if (Array.isArray(message) && message.every((part) => typeof part === 'string') && message.length > 0) {
      return message.join('; ');
    }
  }
  const status = `${response.status} ${response.statusText}`.trim();
  return `The server answered ${status}.`;
}

/**
 * Calls the Undercurrent API with the session's bearer token. Resolves with the parsed JSON body
 * (`undefined` for an empty body); rejects with an `ApiError` on a non-2xx answer or no answer.
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  const token = options.token ?? getToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);

  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Could not reach the Undercurrent server. Check that it is running, then try again.');
  }

  if (!response.ok) throw new ApiError(response.status, await failureMessage(response));

  const text = await response.text();
  if (text === '') return undefined as T;
  return JSON.parse(text) as T;
}
