import { DEFAULT_REWRITE_PARAMS } from '../rewrite-frequency';
import { DEFAULT_SIGNAL_PARAMS, resolveSignalParams, SIGNAL_RULE_VERSIONS, SIGNAL_TYPES, SignalParamsError } from './signal-params';

function errorOf(overrides: unknown): SignalParamsError {
  try {
    resolveSignalParams(overrides);
  } catch (error) {
    if (error instanceof SignalParamsError) return error;
    throw error;
  }
  throw new Error('expected a SignalParamsError');
}

describe('signal parameters', () => {
  it('has the product’s defaults', () => {
    expect(DEFAULT_SIGNAL_PARAMS).toEqual({
      bottleneck_lead: { windowWeeks: 4, minShare: 0.5, minPullRequests: 8, responseRatio: 1.5, minOpenRequests: 5 },
      rewriting_lead: { windowWeeks: 4, minShare: 0.25, minPullRequests: 8, postMergeMinShare: 0.3, postMergeMinLines: 5, dictationMinSuggestions: 3, dictationShare: 0.5 },
      silent_member: { baselineWeeks: 8, minActiveWeeks: 4, minBaseline: 5, quietRatio: 0.3, quietWeeks: 2, teamQuietRatio: 0.6, recoverRatio: 0.6 },
    });
    expect(DEFAULT_SIGNAL_PARAMS.rewriting_lead).toMatchObject(DEFAULT_REWRITE_PARAMS);
    expect(Object.keys(SIGNAL_RULE_VERSIONS).sort()).toEqual([...SIGNAL_TYPES].sort());
  });

  it.each([[undefined], [null], [{}]])('gives the defaults without overrides (%p)', (overrides) => {
    expect(resolveSignalParams(overrides)).toEqual(DEFAULT_SIGNAL_PARAMS);
  });

  it('merges overrides onto the defaults, key by key', () => {
    const params = resolveSignalParams({ silent_member: { baselineWeeks: 6, quietRatio: 0.25, quietWeeks: 3 }, rewriting_lead: { postMergeMinLines: 10 } });
    expect(params.silent_member).toEqual({ ...DEFAULT_SIGNAL_PARAMS.silent_member, baselineWeeks: 6, quietRatio: 0.25, quietWeeks: 3 });
    expect(params.rewriting_lead).toEqual({ ...DEFAULT_SIGNAL_PARAMS.rewriting_lead, postMergeMinLines: 10 });
    expect(params.bottleneck_lead).toEqual(DEFAULT_SIGNAL_PARAMS.bottleneck_lead);
  });

  it('treats a signal named with nothing under it (YAML `silent_member:`) as no override', () => {
    expect(resolveSignalParams({ silent_member: null })).toEqual(DEFAULT_SIGNAL_PARAMS);
  });

  it('accepts the bounds of each kind of setting', () => {
    const params = resolveSignalParams({
      bottleneck_lead: { minShare: 1, responseRatio: 3.5, minOpenRequests: 0 },
      silent_member: { quietRatio: 0, recoverRatio: 1, minActiveWeeks: 0, minBaseline: 0.5, baselineWeeks: 1 },
    });
    expect(params.bottleneck_lead).toMatchObject({ minShare: 1, responseRatio: 3.5, minOpenRequests: 0 });
    expect(params.silent_member).toMatchObject({ quietRatio: 0, recoverRatio: 1, minActiveWeeks: 0, minBaseline: 0.5, baselineWeeks: 1 });
  });

  it('does not let a caller change the defaults through what it returns', () => {
    const params = resolveSignalParams({});
    params.silent_member.quietRatio = 0.9;
    expect(DEFAULT_SIGNAL_PARAMS.silent_member.quietRatio).toBe(0.3);
  });

  it.each<[string, unknown, string]>([
    ['a ratio above 1', { silent_member: { quietRatio: 1.5 } }, 'signals.silent_member.quietRatio: must be a number between 0 and 1'],
    ['a negative ratio', { bottleneck_lead: { minShare: -0.1 } }, 'signals.bottleneck_lead.minShare: must be a number between 0 and 1'],
    ['a ratio given as text', { rewriting_lead: { dictationShare: '0.5' } }, 'signals.rewriting_lead.dictationShare: must be a number between 0 and 1'],
    ['a fractional week count', { silent_member: { baselineWeeks: 6.5 } }, 'signals.silent_member.baselineWeeks: must be a whole number of weeks, at least 1'],
    ['a window of 0 weeks', { bottleneck_lead: { windowWeeks: 0 } }, 'signals.bottleneck_lead.windowWeeks: must be a whole number of weeks, at least 1'],
    ['a negative count', { rewriting_lead: { minPullRequests: -1 } }, 'signals.rewriting_lead.minPullRequests: must be a whole number, 0 or more'],
    ['a fractional count', { rewriting_lead: { postMergeMinLines: 2.5 } }, 'signals.rewriting_lead.postMergeMinLines: must be a whole number, 0 or more'],
    ['a negative factor', { bottleneck_lead: { responseRatio: -2 } }, 'signals.bottleneck_lead.responseRatio: must be a number, 0 or more'],
    ['a negative minimum baseline', { silent_member: { minBaseline: -1 } }, 'signals.silent_member.minBaseline: must be a number, 0 or more'],
    ['an infinite number', { silent_member: { minBaseline: Number.POSITIVE_INFINITY } }, 'signals.silent_member.minBaseline: must be a number, 0 or more'],
    ['an unknown key (misspelt)', { silent_member: { quietratio: 0.2 } }, 'signals.silent_member.quietratio: unknown setting (expected one of baselineWeeks, minActiveWeeks, minBaseline, quietRatio, quietWeeks, teamQuietRatio, recoverRatio)'],
    ['an unknown signal', { silent_members: { quietRatio: 0.2 } }, 'signals.silent_members: unknown signal (expected one of bottleneck_lead, rewriting_lead, silent_member)'],
    ['settings that are not a mapping', { silent_member: [0.3] }, 'signals.silent_member: must be a mapping of setting name to value'],
    ['signals that are not a mapping', 'silent_member', 'signals: must be a mapping of signal name to settings'],
    ['more active weeks than baseline weeks', { silent_member: { baselineWeeks: 6, minActiveWeeks: 7 } }, 'signals.silent_member.minActiveWeeks: must not be more than baselineWeeks (6)'],
    ['a recovery below the quiet ratio', { silent_member: { quietRatio: 0.5, recoverRatio: 0.4 } }, 'signals.silent_member.recoverRatio: must be at least quietRatio (0.5)'],
  ])('refuses %s, naming the setting', (_what, overrides, message) => {
    const error = errorOf(overrides);
    expect(error.message).toBe(message);
    expect(error.name).toBe('SignalParamsError');
  });

  it('checks a single override against the defaults of the others', () => {
    // The default minActiveWeeks is 4: a 3-week baseline could never be established.
    expect(errorOf({ silent_member: { baselineWeeks: 3 } }).message).toBe('signals.silent_member.minActiveWeeks: must not be more than baselineWeeks (3)');
  });

  it('reports every problem at once', () => {
    const error = errorOf({ silent_member: { quietRatio: 2, quietWeeks: 1.5 }, bottleneck_lead: { nope: 1 } });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['signals.bottleneck_lead.nope', 'signals.silent_member.quietRatio', 'signals.silent_member.quietWeeks']);
    expect(error.message).toContain('signals.silent_member.quietRatio: must be a number between 0 and 1');
    expect(error.message).toContain('; ');
  });
});
