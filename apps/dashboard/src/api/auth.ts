import { apiFetch, ApiError } from './client';

export type TokenCheck = { ok: true } | { ok: false; status: number; message: string };

/**
 * Asks the server whether it accepts `token` (an authenticated read). Only a 401 means the token is
 * wrong; a 403 means it is valid but may not read teams, which is fine for signing in.
 */
export async function checkToken(token: string): Promise<TokenCheck> {
  try {
    await apiFetch<unknown>('/api/teams', { token });
    return { ok: true };
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 403) return { ok: true };
      return { ok: false, status: error.status, message: error.message };
    }
    throw error;
  }
}
