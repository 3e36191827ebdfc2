import { isAllowedInstant, nextAllowedInstant, type QuietHoursSetting } from './quiet-hours';

const NIGHTS_AND_WEEKENDS: QuietHoursSetting = { from: '20:00', to: '08:00', weekends: true };
const NIGHTS_ONLY: QuietHoursSetting = { from: '20:00', to: '08:00', weekends: false };

describe('nextAllowedInstant', () => {
  // 2026-11-16 is a Monday; Berlin is UTC+1 in November, New York UTC-5, Tokyo UTC+9.
  const cases: [string, string, string, QuietHoursSetting, string][] = [
    ['a weekday morning is allowed as it is', '2026-11-16T09:00:00.000Z', 'Europe/Berlin', NIGHTS_AND_WEEKENDS, '2026-11-16T09:00:00.000Z'],
    ['a weekday evening waits for 08:00 the next morning', '2026-11-16T19:30:00.000Z', 'Europe/Berlin', NIGHTS_AND_WEEKENDS, '2026-11-17T07:00:00.000Z'],
    ['after midnight, the same morning', '2026-11-17T00:15:30.250Z', 'Europe/Berlin', NIGHTS_AND_WEEKENDS, '2026-11-17T07:00:00.000Z'],
    ['the window starts at from, to the minute', '2026-11-16T18:59:59.000Z', 'Europe/Berlin', NIGHTS_AND_WEEKENDS, '2026-11-16T18:59:59.000Z'],
    ['and ends at to, to the minute', '2026-11-17T07:00:00.000Z', 'Europe/Berlin', NIGHTS_AND_WEEKENDS, '2026-11-17T07:00:00.000Z'],
    ['Friday evening waits over the weekend to Monday 08:00', '2026-11-20T19:00:00.000Z', 'Europe/Berlin', NIGHTS_AND_WEEKENDS, '2026-11-23T07:00:00.000Z'],
    ['Saturday noon waits to Monday 08:00', '2026-11-21T11:00:00.000Z', 'Europe/Berlin', NIGHTS_AND_WEEKENDS, '2026-11-23T07:00:00.000Z'],
    ['without weekends, Saturday noon is allowed', '2026-11-21T11:00:00.000Z', 'Europe/Berlin', NIGHTS_ONLY, '2026-11-21T11:00:00.000Z'],
    ['the recipient\'s zone decides: 09:00 UTC is 04:00 in New York', '2026-11-16T09:00:00.000Z', 'America/New_York', NIGHTS_AND_WEEKENDS, '2026-11-16T13:00:00.000Z'],
    ['and Monday 01:00 UTC is already Monday 10:00 in Tokyo', '2026-11-16T01:00:00.000Z', 'Asia/Tokyo', NIGHTS_AND_WEEKENDS, '2026-11-16T01:00:00.000Z'],
    ['Sunday 23:30 UTC is Monday 08:30 in Tokyo: allowed', '2026-11-15T23:30:00.000Z', 'Asia/Tokyo', NIGHTS_AND_WEEKENDS, '2026-11-15T23:30:00.000Z'],
    ['a daytime window (12:00 to 13:00) that does not span midnight', '2026-11-16T11:30:00.000Z', 'Europe/Berlin', { from: '12:00', to: '13:00', weekends: false }, '2026-11-16T12:00:00.000Z'],
    ['false: any time', '2026-11-21T23:00:00.000Z', 'Europe/Berlin', false, '2026-11-21T23:00:00.000Z'],
    ['from equal to to: no nightly window', '2026-11-16T23:00:00.000Z', 'Europe/Berlin', { from: '08:00', to: '08:00', weekends: false }, '2026-11-16T23:00:00.000Z'],
    // Berlin springs forward on 2026-03-29 at 02:00 (to 03:00): the night is one hour shorter.
    ['a night across the spring change ends at 08:00 summer time', '2026-03-28T21:00:00.000Z', 'Europe/Berlin', NIGHTS_ONLY, '2026-03-29T06:00:00.000Z'],
    ['a window ending inside the gap (02:30) ends when the gap does (03:00)', '2026-03-28T23:30:00.000Z', 'Europe/Berlin', { from: '23:00', to: '02:30', weekends: false }, '2026-03-29T01:00:00.000Z'],
    // Berlin falls back on 2026-10-25 at 03:00 (to 02:00): the night is one hour longer.
    ['a night across the autumn change ends at 08:00 winter time', '2026-10-24T20:00:00.000Z', 'Europe/Berlin', NIGHTS_ONLY, '2026-10-25T07:00:00.000Z'],
    // New York springs forward on 2026-03-08 at 02:00.
    ['New York across its own spring change', '2026-03-09T01:00:00.000Z', 'America/New_York', NIGHTS_AND_WEEKENDS, '2026-03-09T12:00:00.000Z'],
  ];

  it.each(cases)('%s', (_what, at, zone, quiet, expected) => {
    const next = nextAllowedInstant(new Date(at), zone, quiet);
    expect(next.toISOString()).toBe(expected);
    expect(isAllowedInstant(next, zone, quiet)).toBe(true);
    // The first allowed instant: a minute earlier is still quiet (unless `at` itself was allowed).
    if (next.toISOString() !== at) expect(isAllowedInstant(new Date(next.getTime() - 60_000), zone, quiet)).toBe(false);
  });
});
