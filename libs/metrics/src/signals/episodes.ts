import { parseIsoWeek } from '../iso-week';

/**
 * Episodes: a signal is one episode from the week its rule first holds to the week it stops
 * holding, so that a lead is told once, not every week it stays true (and an alert goes out once
 * per episode). The analysis advances each open episode week by week, in order:
 *
 * - nothing open and the rule holds: an episode opens this week;
 * - open and the rule still holds (for `silent_member`: the person has not recovered, which may be
 *   weeks after the rule itself stopped holding): it continues, `lastActiveWeek` moves on;
 * - open and the rule no longer holds: it closes, `closedWeek` is this week (the first week it did
 *   not hold);
 * - a closed episode is never reopened: the next week the rule holds opens a new episode.
 *
 * Re-running the latest week again is harmless; going back before an episode's last active week is
 * a caller's mistake and is refused.
 */

export interface EpisodeState {
  openedWeek: string;
  lastActiveWeek: string;
  closedWeek: string | null;
}

export interface EpisodeStep {
  state: EpisodeState | null;
  opened: boolean;
  closed: boolean;
}

/** `active`: the rule holds this week (or, for silent_member, the episode's person has not recovered). Returns the new state, or null when nothing is open and nothing opens. A closed episode is never reopened: a later firing opens a new one (return a new state with openedWeek=week). */
export function advanceEpisode(open: EpisodeState | null, week: string, active: boolean): EpisodeStep {
  parseIsoWeek(week);
  // Labels are zero-padded YYYY-Www: their order as strings is their order in time.
  if (open && week < open.lastActiveWeek) {
    throw new RangeError(`cannot advance an episode last active in ${open.lastActiveWeek} to the earlier week ${week}`);
  }
  if (open && open.closedWeek === null) {
    if (active) return { state: { ...open, lastActiveWeek: week }, opened: false, closed: false };
    return { state: { ...open, closedWeek: week }, opened: false, closed: true };
  }
  if (active) return { state: { openedWeek: week, lastActiveWeek: week, closedWeek: null }, opened: true, closed: false };
  return { state: null, opened: false, closed: false };
}
