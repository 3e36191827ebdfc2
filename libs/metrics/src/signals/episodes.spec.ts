import { advanceEpisode, type EpisodeState } from './episodes';

const open = (openedWeek: string, lastActiveWeek = openedWeek): EpisodeState => ({ openedWeek, lastActiveWeek, closedWeek: null });

describe('advanceEpisode', () => {
  it.each<[string, EpisodeState | null, string, boolean, { state: EpisodeState | null; opened: boolean; closed: boolean }]>([
    ['nothing open, rule does not hold: nothing', null, '2026-W10', false, { state: null, opened: false, closed: false }],
    ['nothing open, rule holds: opens this week', null, '2026-W10', true, { state: open('2026-W10'), opened: true, closed: false }],
    ['open, still holds: continues', open('2026-W10'), '2026-W11', true, { state: open('2026-W10', '2026-W11'), opened: false, closed: false }],
    [
      'open, no longer holds: closes this week',
      open('2026-W10', '2026-W12'),
      '2026-W13',
      false,
      { state: { openedWeek: '2026-W10', lastActiveWeek: '2026-W12', closedWeek: '2026-W13' }, opened: false, closed: true },
    ],
    [
      'closed, holds again: a new episode, not the old one reopened',
      { openedWeek: '2026-W10', lastActiveWeek: '2026-W12', closedWeek: '2026-W13' },
      '2026-W15',
      true,
      { state: open('2026-W15'), opened: true, closed: false },
    ],
    ['closed, still not holding: nothing open', { openedWeek: '2026-W10', lastActiveWeek: '2026-W12', closedWeek: '2026-W13' }, '2026-W14', false, { state: null, opened: false, closed: false }],
    ['continues across a new year', open('2026-W52', '2026-W53'), '2027-W01', true, { state: open('2026-W52', '2027-W01'), opened: false, closed: false }],
    ['re-running the latest week changes nothing', open('2026-W10', '2026-W11'), '2026-W11', true, { state: open('2026-W10', '2026-W11'), opened: false, closed: false }],
  ])('%s', (_what, state, week, active, expected) => {
    expect(advanceEpisode(state, week, active)).toEqual(expected);
  });

  it('walks a whole history: one alert per episode', () => {
    const weeks: [string, boolean][] = [
      ['2026-W01', false],
      ['2026-W02', true],
      ['2026-W03', true],
      ['2026-W04', true],
      ['2026-W05', false],
      ['2026-W06', false],
      ['2026-W07', true],
      ['2026-W08', true],
    ];
    let state: EpisodeState | null = null;
    const episodes: EpisodeState[] = [];
    const opened: string[] = [];
    for (const [week, active] of weeks) {
      const step = advanceEpisode(state, week, active);
      if (step.opened) opened.push(week);
      if (step.closed) episodes.push(step.state!);
      state = step.state;
    }
    expect(opened).toEqual(['2026-W02', '2026-W07']);
    expect(episodes).toEqual([{ openedWeek: '2026-W02', lastActiveWeek: '2026-W04', closedWeek: '2026-W05' }]);
    expect(state).toEqual(open('2026-W07', '2026-W08'));
  });

  it('does not change the state it is given', () => {
    const state = open('2026-W10');
    advanceEpisode(state, '2026-W11', false);
    expect(state).toEqual(open('2026-W10'));
  });

  it('refuses to go back before the last active week, and a malformed week', () => {
    expect(() => advanceEpisode(open('2026-W10', '2026-W12'), '2026-W11', true)).toThrow(/earlier week 2026-W11/);
    expect(() => advanceEpisode(null, '2026-10', true)).toThrow(/not an ISO week/);
  });
});
