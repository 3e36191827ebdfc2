import { addWeeks, isoWeekBounds, isoWeekOf, localMidnight, parseIsoWeek, trailingWeeks, weeksInYear } from './iso-week';

const at = (iso: string) => new Date(iso);
const hours = (b: { start: Date; end: Date }) => (b.end.getTime() - b.start.getTime()) / 3_600_000;

describe('ISO weeks in the organisation time zone', () => {
  it('places instants by their local date', () => {
    expect(isoWeekOf(at('2026-11-16T00:00:00Z'), 'UTC')).toBe('2026-W47'); // a Monday
    expect(isoWeekOf(at('2026-11-15T23:59:59Z'), 'UTC')).toBe('2026-W46'); // the Sunday before
    // Sunday 23:30 UTC is already Monday in Berlin, still Sunday in Los Angeles.
    expect(isoWeekOf(at('2026-11-15T23:30:00Z'), 'Europe/Berlin')).toBe('2026-W47');
    expect(isoWeekOf(at('2026-11-16T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-W46');
    expect(isoWeekOf(at('2026-11-16T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-W47');
  });

  it('gives the days around a new year to the year of their Thursday', () => {
    // 2026-12-31 is a Thursday: 2026 has 53 weeks, and 2027-01-01..03 belong to 2026-W53.
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(isoWeekOf(at('2026-12-31T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekOf(at('2027-01-03T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekOf(at('2027-01-04T12:00:00Z'), 'UTC')).toBe('2027-W01');
    // 2024-12-30 (a Monday) starts 2025-W01.
    expect(isoWeekOf(at('2024-12-30T12:00:00Z'), 'UTC')).toBe('2025-W01');
    // Sunday 2027-01-03 16:00 UTC is Monday 01:00 in Tokyo: a new week there, not yet in UTC.
    expect(isoWeekOf(at('2027-01-03T16:00:00Z'), 'Asia/Tokyo')).toBe('2027-W01');
    expect(isoWeekOf(at('2027-01-03T16:00:00Z'), 'UTC')).toBe('2026-W53');
  });

  it('bounds a week at local midnights, 167 or 169 hours across a DST change', () => {
    expect(isoWeekBounds('2026-W47', 'UTC')).toEqual({ start: at('2026-11-16T00:00:00Z'), end: at('2026-11-23T00:00:00Z') });
    expect(isoWeekBounds('2026-W47', 'Europe/Berlin')).toEqual({ start: at('2026-11-15T23:00:00Z'), end: at('2026-11-22T23:00:00Z') });
    // Europe springs forward on 2026-03-29 and falls back on 2026-10-25 (both Sundays, in W13 and W43).
    expect(hours(isoWeekBounds('2026-W13', 'Europe/Berlin'))).toBe(167);
    expect(hours(isoWeekBounds('2026-W43', 'Europe/Berlin'))).toBe(169);
    expect(isoWeekBounds('2026-W14', 'Europe/Berlin').start).toEqual(at('2026-03-29T22:00:00Z'));
    expect(isoWeekBounds('2026-W53', 'UTC')).toEqual({ start: at('2026-12-28T00:00:00Z'), end: at('2027-01-04T00:00:00Z') });
  });

  it('finds the first instant of a date whose midnight does not exist', () => {
    // Santiago springs forward at local midnight: 2026-09-06 starts at 01:00 (-03:00).
    expect(localMidnight(2026, 9, 6, 'America/Santiago')).toEqual(at('2026-09-06T04:00:00Z'));
  });

  it('every instant of a week maps back to that week', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland']) {
      const { start, end } = isoWeekBounds('2026-W13', zone);
      expect(isoWeekOf(start, zone)).toBe('2026-W13');
      expect(isoWeekOf(new Date(end.getTime() - 1), zone)).toBe('2026-W13');
      expect(isoWeekOf(end, zone)).toBe('2026-W14');
    }
  });

  it('steps across year boundaries', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2025-W01', -1)).toBe('2024-W52');
    expect(trailingWeeks('2027-W02', 4)).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });

  it.each([
    ['2026-47', /malformed/],
    ['2026-W5', /malformed/],
    ['2026-W00', /2026 has weeks 01 to 53/],
    ['2025-W53', /2025 has weeks 01 to 52/],
    ['1969-W10', /before 1970/],
  ])('refuses %s, saying why', (value, reason) => {
    expect(() => parseIsoWeek(value)).toThrow(reason);
    expect(() => parseIsoWeek(value)).toThrow(/expected YYYY-Www/);
  });

  it('refuses a time zone the runtime does not know', () => {
    expect(() => isoWeekOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
