/**
 * The signed-in session: the API token, kept in `sessionStorage` only (forgotten when the tab
 * closes; never put in the URL, never logged), and the notice to show on the sign-in page.
 * A tiny external store so React reads it with `useSyncExternalStore`.
 */

const TOKEN_KEY = 'undercurrent.apiToken';

export const TOKEN_REJECTED_NOTICE = 'The token was not accepted';

export interface Session {
  token: string | null;
  /** Why the user is looking at the sign-in page, if not by choice. */
  notice: string | null;
}

function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function storeToken(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(TOKEN_KEY);
    else window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage disabled: the session lives in memory until the page is reloaded.
  }
}

let current: Session = { token: readStoredToken(), notice: null };
const listeners = new Set<() => void>();

function publish(next: Session): void {
  current = next;
  for (const listener of listeners) listener();
}

export function getSession(): Session {
  return current;
}

export function getToken(): string | null {
  return current.token;
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signIn(token: string): void {
  storeToken(token);
  publish({ token, notice: null });
}

/** Ends the session; `notice` is shown on the sign-in page (for example when the token was refused). */
export function signOut(notice: string | null = null): void {
  if (current.token === null && current.notice === notice) return;
  storeToken(null);
  publish({ token: null, notice });
}
