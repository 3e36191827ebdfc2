import type { SignalEvidenceDto } from '@undercurrent/contracts';
import {
  addWeeks,
  advanceEpisode,
  evaluateBottleneckLead,
  evaluateRewritingLead,
  evaluateSilentMembers,
  isoWeekBounds,
  SIGNAL_RULE_VERSIONS,
  silentMemberRecovered,
  type EpisodeState,
  type ParticipationWeek,
  type SignalParams,
  type SilentMemberPerson,
} from '@undercurrent/metrics';
import type { WeekBounds } from './rollups.repository';
import { evidenceKey, type SignalInputsRepository, type TeamWeekPersonRow, type WindowBounds } from './signal-inputs.repository';
import { episodeId, type SignalEpisode, type SignalEvaluation } from './signals.repository';

export interface EvaluationContext {
  timezone: string;
  asOf: Date;
  params: SignalParams;
  /** Web address of pull requests: `${base}/${repository}/pull/${number}`. */
  githubWebUrl: string;
  /** People's names, for the one-line explanations. */
  names: ReadonlyMap<string, string>;
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const roundOrNull = (value: number | null | undefined): number | null => (value === null || value === undefined || !Number.isFinite(value) ? null : round(value));

function windowOf(week: WeekBounds, windowWeeks: number, timezone: string): WindowBounds {
  return { ...week, windowStart: isoWeekBounds(addWeeks(week.week, -(windowWeeks - 1)), timezone).start };
}

function scoreOf(parts: number[]): number {
  const finite = parts.filter((p) => Number.isFinite(p));
  return round(finite.length > 0 ? Math.max(...finite) : 1);
}

/**
 * Evaluates the three rules for each of `weeks` (oldest first) from the rollups, and returns one
 * evaluation per person, team and week where a rule fired or an open episode stayed active.
 * `previous` holds the evaluations of the week before the first (for episodes continuing into it).
 */
export async function evaluateSignals(
  inputs: SignalInputsRepository,
  weeks: readonly WeekBounds[],
  previous: readonly SignalEvaluation[],
  ctx: EvaluationContext,
): Promise<SignalEvaluation[]> {
  const out: SignalEvaluation[] = [];
  const name = (id: string): string => ctx.names.get(id) ?? id;
  const pullRequestItem = (e: { repository: string; number: number; authorId: string | null }) => ({
    kind: 'pull_request' as const,
    repository: e.repository,
    number: e.number,
    url: `${ctx.githubWebUrl}/${e.repository}/pull/${e.number}`,
    authorId: e.authorId,
  });

  // --- bottleneck_lead ---------------------------------------------------------------------
  const bp = ctx.params.bottleneck_lead;
  const bWindows = weeks.map((w) => windowOf(w, bp.windowWeeks, ctx.timezone));
  const bWindowByWeek = new Map(bWindows.map((w) => [w.week, w]));
  const bFiring = (await inputs.bottleneckInputs(bWindows)).map((row) => ({ row, result: evaluateBottleneckLead(row, bp) })).filter((x) => x.result.fires);
  const bEvidence = await inputs.bottleneckEvidence(
    bFiring.map(({ row }) => ({ week: row.week, teamId: row.teamId, personId: row.personId, window: bWindowByWeek.get(row.week)! })),
    ctx.asOf,
  );
  for (const { row, result } of bFiring) {
    const items = bEvidence.get(evidenceKey(row.week, row.teamId, row.personId)) ?? [];
    const evidence: SignalEvidenceDto[] = items.map((e) => ({
      ...pullRequestItem(e),
      hoursWaited: round(e.hoursWaited),
      responseHours: roundOrNull(e.responseHours),
      openAtWeekEnd: e.openAtWeekEnd,
    }));
    out.push({
      type: 'bottleneck_lead',
      teamId: row.teamId,
      personId: row.personId,
      week: row.week,
      ruleVersion: SIGNAL_RULE_VERSIONS.bottleneck_lead,
      fires: true,
      thresholds: { ...bp },
      values: { ...result.values, windowStartWeek: addWeeks(row.week, -(bp.windowWeeks - 1)), hoursWaited: round(items.reduce((s, e) => s + e.hoursWaited, 0)) },
      evidence,
      score: scoreOf([
        result.values.responseRatio !== null ? result.values.responseRatio / bp.responseRatio : NaN,
        result.values.openRequestsAtWeekEnd / bp.minOpenRequests,
      ]),
      explanation: `${name(row.personId)}: ${result.reasons.join('. ')}.`,
    });
  }

  // --- rewriting_lead ----------------------------------------------------------------------
  const rp = ctx.params.rewriting_lead;
  const rWindows = weeks.map((w) => windowOf(w, rp.windowWeeks, ctx.timezone));
  const rWindowByWeek = new Map(rWindows.map((w) => [w.week, w]));
  const rFiring = (await inputs.rewritingInputs(rWindows)).map((row) => ({ row, result: evaluateRewritingLead(row, rp) })).filter((x) => x.result.fires);
  const rEvidence = await inputs.rewritingEvidence(rFiring.map(({ row }) => ({ week: row.week, teamId: row.teamId, personId: row.personId, window: rWindowByWeek.get(row.week)! })));
  for (const { row, result } of rFiring) {
    const items = rEvidence.get(evidenceKey(row.week, row.teamId, row.personId)) ?? [];
    const evidence: SignalEvidenceDto[] = items.map((e) => ({
      ...pullRequestItem(e),
      mergedAt: new Date(e.mergedAt).toISOString(),
      kinds: [...(e.takeover ? ['takeover' as const] : []), ...(e.postMergeRewrite ? ['post_merge_rewrite' as const] : []), ...(e.dictation ? ['dictation' as const] : [])],
    }));
    out.push({
      type: 'rewriting_lead',
      teamId: row.teamId,
      personId: row.personId,
      week: row.week,
      ruleVersion: SIGNAL_RULE_VERSIONS.rewriting_lead,
      fires: true,
      thresholds: { ...rp },
      values: { ...result.values, windowStartWeek: addWeeks(row.week, -(rp.windowWeeks - 1)) },
      evidence,
      score: scoreOf([result.values.share !== null ? result.values.share / rp.minShare : NaN]),
      explanation: `${name(row.personId)}: ${result.reasons.join('. ')}.`,
    });
  }

  // --- silent_member -----------------------------------------------------------------------
  const sp = ctx.params.silent_member;
  const span = sp.baselineWeeks + sp.quietWeeks;
  const firstNeeded = addWeeks(weeks[0]!.week, -(span - 1));
  const allLabels: string[] = [];
  for (let w = firstNeeded; w <= weeks[weeks.length - 1]!.week; w = addWeeks(w, 1)) allLabels.push(w);
  const rows = await inputs.teamParticipation(allLabels.map((week) => ({ week, ...isoWeekBounds(week, ctx.timezone) })));
  const byTeam = new Map<string, Map<string, Map<string, TeamWeekPersonRow>>>();
  for (const r of rows) {
    const team = byTeam.get(r.teamId) ?? new Map<string, Map<string, TeamWeekPersonRow>>();
    byTeam.set(r.teamId, team);
    const person = team.get(r.personId) ?? new Map<string, TeamWeekPersonRow>();
    team.set(r.personId, person);
    person.set(r.week, r);
  }
  let carried = new Map(previous.filter((e) => e.type === 'silent_member').map((e) => [`${e.teamId}|${e.personId}`, e]));
  for (const week of weeks) {
    const labels: string[] = [];
    for (let i = span - 1; i >= 0; i--) labels.push(addWeeks(week.week, -i));
    const next = new Map<string, SignalEvaluation>();
    for (const [teamId, people] of byTeam) {
      // Evaluated: the team's members of this week; their history counts where they were members.
      const members: { person: SilentMemberPerson; rows: (TeamWeekPersonRow | undefined)[] }[] = [];
      for (const [personId, byWeek] of people) {
        if (!byWeek.get(week.week)?.member) continue;
        const personRows = labels.map((l) => byWeek.get(l));
        const series: ParticipationWeek[] = labels.map((l, i) => ({
          week: l,
          score: personRows[i]?.participation ?? 0,
          onLeave: personRows[i]?.onLeave ?? false,
          member: personRows[i]?.member ?? false,
        }));
        members.push({ person: { personId, weeks: series }, rows: personRows });
      }
      if (members.length === 0) continue;
      const results = evaluateSilentMembers(members.map((m) => m.person), sp);
      results.forEach((result, index) => {
        const { person, rows: personRows } = members[index]!;
        const key = `${teamId}|${person.personId}`;
        const before = carried.get(key);
        const current = person.weeks[person.weeks.length - 1]!;
        const fires = result.fires;
        let baseline = result.baseline.value;
        let continuing = false;
        if (!fires && before) {
          // An open episode stays open until the person is back at recoverRatio of the baseline it opened with.
          const openedBaseline = Number(before.values['baseline']);
          if (Number.isFinite(openedBaseline) && openedBaseline > 0 && (current.onLeave || !silentMemberRecovered(current.score, openedBaseline, sp))) {
            continuing = true;
            baseline = openedBaseline;
          }
        }
        if (!fires && !continuing) return;
        // The window's weeks, and the baseline weeks behind the baseline in force: this week's
        // when the rule fires, the opening week's while an episode continues.
        const windowItems: SignalEvidenceDto[] = person.weeks.slice(sp.baselineWeeks).map((w, j) => {
          const r = personRows[sp.baselineWeeks + j];
          return {
            kind: 'week',
            week: w.week,
            participation: w.score,
            role: 'window',
            counted: true,
            onLeave: w.onLeave,
            counts: { messages: r?.messages ?? 0, threadReplies: r?.threadReplies ?? 0, reviews: r?.reviews ?? 0, reviewComments: r?.reviewComments ?? 0 },
          };
        });
        const baselineItems: SignalEvidenceDto[] = continuing
          ? before!.evidence.filter((e) => e.kind === 'week' && e.role === 'baseline')
          : person.weeks.slice(0, sp.baselineWeeks).map((w, i) => {
              const r = personRows[i];
              return {
                kind: 'week',
                week: w.week,
                participation: w.score,
                role: 'baseline',
                counted: result.baseline.weeks[i]?.counted ?? false,
                onLeave: w.onLeave,
                counts: { messages: r?.messages ?? 0, threadReplies: r?.threadReplies ?? 0, reviews: r?.reviews ?? 0, reviewComments: r?.reviewComments ?? 0 },
              };
            });
        const evidence = [...baselineItems, ...windowItems];
        const scores = result.values.scores;
        const ratio = baseline ? current.score / baseline : null;
        const values = {
          baseline,
          activeWeeks: continuing ? Number(before!.values['activeWeeks']) : result.values.activeWeeks,
          scores,
          ratios: scores.map((sc) => (baseline ? round(sc / baseline) : null)),
          teamMedianRatio: roundOrNull(result.teamMedianRatio),
          score: current.score,
          ratio: roundOrNull(ratio),
          reason: fires ? result.reason : 'not_recovered',
        };
        const evaluation: SignalEvaluation = {
          type: 'silent_member',
          teamId,
          personId: person.personId,
          week: week.week,
          ruleVersion: SIGNAL_RULE_VERSIONS.silent_member,
          fires,
          thresholds: { ...sp },
          values,
          evidence,
          score: round(ratio !== null && ratio > 0 ? Math.min(10, sp.quietRatio / ratio) : 10),
          explanation: fires
            ? `${name(person.personId)} took part ${result.values.scores.join(' and ')} times in the last ${sp.quietWeeks} weeks against a baseline of ${baseline} a week (${result.values.ratios.map((r) => `${Math.round((r ?? 0) * 100)}%`).join(', ')}; rule: at most ${Math.round(sp.quietRatio * 100)}%), while the rest of the team ${result.teamMedianRatio === null ? 'has no baseline to compare' : `is at ${Math.round(result.teamMedianRatio * 100)}% of theirs`}`
            : `${name(person.personId)} is still below ${Math.round(sp.recoverRatio * 100)}% of their baseline of ${baseline} a week (${current.score} this week${current.onLeave ? ', on leave' : ''})`,
        };
        next.set(key, evaluation);
        out.push(evaluation);
      });
    }
    carried = next;
  }
  return out;
}

/**
 * Episodes from evaluations: for each signal key, consecutive weeks with an evaluation are one
 * episode; it closes in the first week without one, up to `lastWeek` (the latest analysed week).
 */
export function buildEpisodes(evaluations: readonly SignalEvaluation[], lastWeek: string): SignalEpisode[] {
  const byKey = new Map<string, SignalEvaluation[]>();
  for (const e of evaluations) {
    const key = `${e.type}|${e.teamId}|${e.personId}`;
    const list = byKey.get(key) ?? [];
    list.push(e);
    byKey.set(key, list);
  }
  const episodes: SignalEpisode[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.week.localeCompare(b.week));
    const byWeek = new Map(list.map((e) => [e.week, e]));
    let state: EpisodeState | null = null;
    let last: SignalEvaluation | undefined;
    const flush = (): void => {
      if (state && last) {
        episodes.push({
          id: episodeId(last.type, last.teamId, last.personId, state.openedWeek),
          type: last.type,
          teamId: last.teamId,
          personId: last.personId,
          status: state.closedWeek === null ? 'open' : 'closed',
          openedWeek: state.openedWeek,
          lastActiveWeek: state.lastActiveWeek,
          closedWeek: state.closedWeek,
          last,
        });
      }
    };
    const end = list[list.length - 1]!.week > lastWeek ? list[list.length - 1]!.week : lastWeek;
    for (let week = list[0]!.week; week <= end; week = addWeeks(week, 1)) {
      const e = byWeek.get(week);
      // A continuing week (fires=false) only extends an open episode; it never opens one.
      const active = e !== undefined && (e.fires || (state !== null && state.closedWeek === null));
      const step = advanceEpisode(state, week, active);
      if (step.state) state = step.state;
      if (active) last = e;
      if (step.closed) {
        flush();
        state = null;
        last = undefined;
      }
      if (!e && state === null) {
        // Skip ahead to the next evaluated week.
        const upcoming = list.find((x) => x.week > week);
        if (!upcoming) break;
        week = addWeeks(upcoming.week, -1);
      }
    }
    if (state && (state as EpisodeState).closedWeek === null) flush();
  }
  return episodes;
}
