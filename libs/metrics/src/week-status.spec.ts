import { dataAsOf, isCompletedWeek, lastCompletedWeek, weekStatus } from './week-status';

const at = (iso: string) => new Date(iso);

describe('weeks are judged once they are over', () => {
  it('stands at the latest sync, or now without one, and never after now', () => {
    const now = at('2027-03-10T12:00:00Z');
    expect(dataAsOf(at('2027-03-08T06:00:00Z'), now)).toEqual(at('2027-03-08T06:00:00Z'));
    expect(dataAsOf(null, now)).toEqual(now);
    // A sync recorded "later" than now (the clock was moved back): now bounds it.
    expect(dataAsOf(at('2027-04-01T00:00:00Z'), now)).toEqual(now);
  });

  it('completes a week at its local end, not a moment before', () => {
    // 2026-W46 ends Monday 2026-11-16 00:00 in Berlin, which is Sunday 23:00 UTC.
    expect(isCompletedWeek('2026-W46', at('2026-11-15T22:59:59Z'), 'Europe/Berlin')).toBe(false);
    expect(isCompletedWeek('2026-W46', at('2026-11-15T23:00:00Z'), 'Europe/Berlin')).toBe(true);
    // The same instant in Los Angeles is still Sunday afternoon.
    expect(isCompletedWeek('2026-W46', at('2026-11-15T23:00:00Z'), 'America/Los_Angeles')).toBe(false);
    expect(isCompletedWeek('2026-W46', at('2026-11-16T08:00:00Z'), 'America/Los_Angeles')).toBe(true);
  });

  it('the last completed week is the one before the week in progress, on its first instant too', () => {
    expect(lastCompletedWeek(at('2026-11-15T23:00:00Z'), 'Europe/Berlin')).toBe('2026-W46'); // Monday 00:00 local
    expect(lastCompletedWeek(at('2026-11-15T22:59:59Z'), 'Europe/Berlin')).toBe('2026-W45'); // Sunday 23:59:59 local
    expect(lastCompletedWeek(at('2026-12-04T20:00:00Z'), 'UTC')).toBe('2026-W48');
    // Across a year boundary: 2027-01-04 is the Monday of 2027-W01, after the 53-week 2026.
    expect(lastCompletedWeek(at('2027-01-04T09:00:00Z'), 'UTC')).toBe('2026-W53');
    // Across a DST change: Berlin's 2027-W12 has 167 hours (summer time from Sunday 28 March) and
    // ends Monday 2027-03-29 00:00 CEST, which is 22:00 UTC, not the 23:00 of winter.
    expect(lastCompletedWeek(at('2027-03-28T22:00:00Z'), 'Europe/Berlin')).toBe('2027-W12');
    expect(lastCompletedWeek(at('2027-03-28T21:59:59Z'), 'Europe/Berlin')).toBe('2027-W11');
  });

  it('tells completed, in-progress and future weeks apart', () => {
    const now = at('2026-12-04T20:00:00Z'); // Friday of 2026-W49
    const asOf = at('2026-12-01T10:00:00Z'); // the latest sync, Tuesday of 2026-W49
    expect(weekStatus('2026-W48', asOf, now, 'UTC')).toBe('completed');
    expect(weekStatus('2026-W49', asOf, now, 'UTC')).toBe('in_progress');
    expect(weekStatus('2026-W50', asOf, now, 'UTC')).toBe('future');
    // A stale sync: the weeks since the one it ran in are in progress, not completed.
    const stale = at('2026-11-18T10:00:00Z'); // Wednesday of 2026-W47
    expect(weekStatus('2026-W46', stale, now, 'UTC')).toBe('completed');
    expect(weekStatus('2026-W47', stale, now, 'UTC')).toBe('in_progress');
    expect(weekStatus('2026-W48', stale, now, 'UTC')).toBe('in_progress');
  });
});
