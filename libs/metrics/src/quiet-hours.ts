import { localParts } from './iso-week';

/**
 * Quiet hours: when an alert must wait rather than reach someone. A nightly window from `from` to
 * `to` in the recipient's own time zone (it may span midnight: 20:00 to 08:00), and, with
 * `weekends`, all of Saturday and Sunday. `false`: any time is fine. `from` equal to `to` is no
 * nightly window at all.
 */
export type QuietHoursSetting = false | { from: string; to: string; weekends: boolean };

const DAY_MINUTES = 24 * 60;

function minutesOf(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`quiet hours: "${time}" is not HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Wall-clock minutes from the start of the local minute `parts` until quiet hours end (0: not quiet). */
function wallMinutesUntilAllowed(parts: ReturnType<typeof localParts>, quiet: Exclude<QuietHoursSetting, false>): number {
  const minute = parts.hour * 60 + parts.minute;
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay(); // 0 Sunday, 6 Saturday
  if (quiet.weekends && (weekday === 6 || weekday === 0)) return (weekday === 6 ? 2 : 1) * DAY_MINUTES - minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return 0;
  if (from < to) return minute >= from && minute < to ? to - minute : 0;
  if (minute >= from) return DAY_MINUTES - minute + to;
  if (minute < to) return to - minute;
  return 0;
}

/** Whether `instant` is outside the quiet hours of `timeZone`. */
export function isAllowedInstant(instant: Date, timeZone: string, quiet: QuietHoursSetting): boolean {
  return quiet === false || wallMinutesUntilAllowed(localParts(instant, timeZone), quiet) === 0;
}

/**
 * The first instant at or after `at` outside the quiet hours, in `timeZone`. Wall-clock waits are
 * turned into real time and then checked again, so daylight-saving changes inside a wait land
 * right: a quiet window that ends inside a spring-forward gap ends at the first instant after the
 * gap (03:00 when 02:30 does not exist), and an autumn night is one hour longer in real time.
 */
export function nextAllowedInstant(at: Date, timeZone: string, quiet: QuietHoursSetting): Date {
  if (quiet === false) return at;
  let previous: number | undefined;
  let t = at.getTime();
  // A weekday night, then a weekend, then Monday's early hours: a few hops at most.
  for (let hop = 0; hop < 10; hop++) {
    const parts = localParts(new Date(t), timeZone);
    const wait = wallMinutesUntilAllowed(parts, quiet);
    if (wait === 0) break;
    previous = t;
    const startOfMinute = t - (parts.second * 1000 + (((t % 1000) + 1000) % 1000));
    t = startOfMinute + wait * 60_000;
  }
  if (!isAllowedInstant(new Date(t), timeZone, quiet)) throw new Error(`quiet hours: no allowed instant found after ${at.toISOString()}`);
  if (previous === undefined) return new Date(t);
  // Real time may have run ahead of the wall clock (a spring-forward gap inside the wait): find the
  // first allowed whole minute between the last quiet instant and t.
  let lo = Math.floor(previous / 60_000) + 1; // minutes; `previous` itself was quiet
  let hi = Math.floor(t / 60_000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (isAllowedInstant(new Date(mid * 60_000), timeZone, quiet)) hi = mid;
    else lo = mid + 1;
  }
  return new Date(hi * 60_000);
}
