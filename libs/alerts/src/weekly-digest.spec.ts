import { buildDigestMessage, isDigestDue } from './weekly-digest';

describe('isDigestDue', () => {
  const monday9 = { day: 'monday', time: '09:00' } as const;
  it.each([
    ['2026-11-16T07:59:00Z', 'Europe/Berlin', false], // Monday 08:59 in Berlin
    ['2026-11-16T08:00:00Z', 'Europe/Berlin', true], // 09:00
    ['2026-11-16T22:59:00Z', 'Europe/Berlin', true], // 23:59, still Monday
    ['2026-11-16T23:00:00Z', 'Europe/Berlin', false], // Tuesday 00:00
    ['2026-11-16T08:00:00Z', 'America/New_York', false], // 03:00 in New York
    ['2026-11-16T14:00:00Z', 'America/New_York', true], // 09:00 in New York
    ['2026-11-15T23:30:00Z', 'Asia/Tokyo', false], // Monday 08:30 in Tokyo
    ['2026-11-16T00:00:00Z', 'Asia/Tokyo', true], // Monday 09:00 in Tokyo (Sunday in Berlin)
  ])('%s in %s: %p', (at, zone, expected) => {
    expect(isDigestDue(new Date(at), zone, monday9)).toBe(expected);
  });

  it('follows summer time: 09:00 in Berlin is 07:00 UTC in June', () => {
    expect(isDigestDue(new Date('2026-06-15T06:59:00Z'), 'Europe/Berlin', monday9)).toBe(false);
    expect(isDigestDue(new Date('2026-06-15T07:00:00Z'), 'Europe/Berlin', monday9)).toBe(true);
    expect(isDigestDue(new Date('2026-06-19T07:00:00Z'), 'Europe/Berlin', { day: 'friday', time: '09:00' })).toBe(true);
  });
});

describe('buildDigestMessage', () => {
  it('puts the open signals first, one line each, then review waiting, then the link to the team week', () => {
    const message = buildDigestMessage({
      week: '2026-W46',
      publicUrl: 'https://uc.example.com',
      teams: [
        { id: 'mobile', name: 'Mobile', signals: [{ type: 'silent_member', personName: 'Jonas Koch', openedWeek: '2026-W43' }], waitingAtEnd: 3, ttfrMedianHours: 2.25 },
        { id: 'data', name: 'Data', signals: [], waitingAtEnd: null, ttfrMedianHours: null },
      ],
    });
    expect(message.text).toBe('Your week 2026-W46: 1 open signal in Mobile, Data');
    const [, mobile, data] = message.blocks.map((b) => JSON.stringify(b));
    expect(mobile!.indexOf('Silent member: Jonas Koch, since 2026-W43')).toBeGreaterThan(0);
    expect(mobile!.indexOf('Review waiting: 3 pull requests without a first review')).toBeGreaterThan(mobile!.indexOf('Silent member'));
    expect(mobile).toContain('median time to first review 2.3 h');
    expect(mobile!.indexOf('https://uc.example.com/#/teams/mobile?week=2026-W46')).toBeGreaterThan(mobile!.indexOf('Review waiting'));
    expect(data).toContain('No open signals.');
    expect(data).toContain('no figures for this week yet');
  });
});
