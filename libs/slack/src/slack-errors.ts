/**
 * A Slack failure in plain words. `unrecoverable` ones (a revoked token, a channel the bot is not
 * in) are not retried: retrying cannot fix them and would only hide them.
 */
export class SlackSyncError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly unrecoverable: boolean,
  ) {
    super(message);
    this.name = 'SlackSyncError';
  }
}

const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'no_permission']);

/** Turn what `@slack/web-api` threw into a `SlackSyncError` that says what to do. */
export function describeSlackError(error: unknown, where: string): SlackSyncError {
  const code = (error as { data?: { error?: unknown } })?.data?.error;
  if (typeof code === 'string') {
    if (TOKEN_ERRORS.has(code)) return new SlackSyncError(`Slack token revoked or invalid (${code}): reconnect the Slack app and update SLACK_BOT_TOKEN`, code, true);
    if (code === 'not_in_channel') return new SlackSyncError(`${where}: the Slack app is not a member (not_in_channel): invite it to the channel`, code, true);
    if (code === 'channel_not_found') return new SlackSyncError(`${where}: channel not found (channel_not_found): check the organisation file`, code, true);
    if (code === 'missing_scope') {
      const needed = (error as { data?: { needed?: unknown } }).data?.needed;
      return new SlackSyncError(`Slack app lacks a permission (missing_scope${typeof needed === 'string' ? `: ${needed}` : ''}): add it and reinstall the app`, code, true);
    }
    return new SlackSyncError(`${where}: Slack answered ${code}`, code, false);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SlackSyncError(`${where}: ${message}`, 'request_failed', false);
}
