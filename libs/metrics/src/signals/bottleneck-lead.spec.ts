import { evaluateBottleneckLead, type BottleneckLeadInput } from './bottleneck-lead';
import { DEFAULT_SIGNAL_PARAMS } from './signal-params';

const PARAMS = DEFAULT_SIGNAL_PARAMS.bottleneck_lead;
const input = (extra: Partial<BottleneckLeadInput> = {}): BottleneckLeadInput => ({
  teamPullRequests: 20,
  waitedPullRequests: 14,
  medianResponseHours: 26,
  restMedianResponseHours: 3.1,
  openRequestsAtWeekEnd: 2,
  ...extra,
});

describe('bottleneck_lead', () => {
  it.each<[string, Partial<BottleneckLeadInput>, boolean]>([
    ['most pull requests wait on a slow reviewer', {}, true],
    ['most wait, with a long queue though not slow', { medianResponseHours: 3, openRequestsAtWeekEnd: 6 }, true],
    ['most wait, but neither slow nor queued', { medianResponseHours: 3, openRequestsAtWeekEnd: 4 }, false],
    ['slow, but on few of the team’s pull requests', { waitedPullRequests: 9 }, false],
    ['exactly half of the pull requests (10 of 20)', { waitedPullRequests: 10 }, true],
    ['exactly 8 pull requests, half of 16', { teamPullRequests: 16, waitedPullRequests: 8 }, true],
    ['7 pull requests, though all of the team’s', { teamPullRequests: 7, waitedPullRequests: 7 }, false],
    ['exactly 1.5 times the rest', { medianResponseHours: 6, restMedianResponseHours: 4 }, true],
    ['just under 1.5 times the rest', { medianResponseHours: 5.9, restMedianResponseHours: 4 }, false],
    ['exactly 5 requests open at the week’s end', { medianResponseHours: 3, openRequestsAtWeekEnd: 5 }, true],
    ['no pull requests at all', { teamPullRequests: 0, waitedPullRequests: 0, openRequestsAtWeekEnd: 9 }, false],
    ['no response yet, but a long queue', { medianResponseHours: null, openRequestsAtWeekEnd: 5 }, true],
    ['no response yet and no queue', { medianResponseHours: null }, false],
    ['nobody else reviewed (no rest median), with a queue', { restMedianResponseHours: null, openRequestsAtWeekEnd: 7 }, true],
    ['nobody else reviewed, no queue', { restMedianResponseHours: null }, false],
    ['the rest answered in 0 h: no ratio, so only the queue can fire', { restMedianResponseHours: 0 }, false],
    ['the rest answered in 0 h, with a queue', { restMedianResponseHours: 0, openRequestsAtWeekEnd: 5 }, true],
  ])('%s', (_what, extra, fires) => {
    expect(evaluateBottleneckLead(input(extra), PARAMS).fires).toBe(fires);
  });

  it('records the values it compared', () => {
    expect(evaluateBottleneckLead(input({ medianResponseHours: 6, restMedianResponseHours: 4 }), PARAMS).values).toEqual({
      share: 0.7,
      waitedPullRequests: 14,
      teamPullRequests: 20,
      medianResponseHours: 6,
      restMedianResponseHours: 4,
      responseRatio: 1.5,
      openRequestsAtWeekEnd: 2,
    });
    const empty = evaluateBottleneckLead(input({ teamPullRequests: 0, waitedPullRequests: 0, restMedianResponseHours: 0 }), PARAMS).values;
    expect(empty).toMatchObject({ share: null, responseRatio: null });
  });

  it('says in plain words which conditions held', () => {
    expect(evaluateBottleneckLead(input(), PARAMS).reasons).toEqual([
      "14 of the team's 20 pull requests (70%) waited on this person's review (rule: at least 50% and at least 8)",
      "Median response 26.0 h vs 3.1 h for the rest of the team's reviewers: 8.4× (rule: at least 1.5×)",
    ]);
    expect(evaluateBottleneckLead(input({ medianResponseHours: 3, openRequestsAtWeekEnd: 6 }), PARAMS).reasons).toEqual([
      "14 of the team's 20 pull requests (70%) waited on this person's review (rule: at least 50% and at least 8)",
      "6 review requests were open on this person at the week's end (rule: at least 5)",
    ]);
    // Not firing: only what held is listed.
    const notFiring = evaluateBottleneckLead(input({ waitedPullRequests: 2, openRequestsAtWeekEnd: 1 }), PARAMS);
    expect(notFiring.fires).toBe(false);
    expect(notFiring.reasons).toEqual(["Median response 26.0 h vs 3.1 h for the rest of the team's reviewers: 8.4× (rule: at least 1.5×)"]);
    expect(evaluateBottleneckLead(input({ waitedPullRequests: 2, medianResponseHours: 1, openRequestsAtWeekEnd: 1 }), PARAMS).reasons).toEqual([]);
  });

  it('uses the thresholds it is given', () => {
    const strict = { ...PARAMS, minShare: 0.8 };
    expect(evaluateBottleneckLead(input(), strict).fires).toBe(false);
    expect(evaluateBottleneckLead(input({ waitedPullRequests: 16 }), strict).fires).toBe(true);
  });
});
