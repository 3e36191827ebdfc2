import { resolveSignalParams, SignalParamsError } from '@undercurrent/metrics';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { orgFileSchema, type OrgFile } from './org-file.schema';

export interface OrgFileProblem {
  /** Where in the file, as `teams[1].leads[0]`; empty for the file as a whole. */
  path: string;
  message: string;
}

export class OrgFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: OrgFileProblem[],
  ) {
    super(
      `${source}: the organisation file is not valid:\n${problems
        .map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`)
        .join('\n')}`,
    );
    this.name = 'OrgFileError';
  }
}

export interface ParsedOrgFile {
  org: OrgFile;
  /** sha256 of the file's bytes: the same file loads to the same rows. */
  hash: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/**
 * Parse and check an organisation file. Every problem is reported (not only the first), each with
 * its path, and nothing is returned unless the whole file is valid.
 */
export function parseOrgFile(text: string, source = 'organisation file'): ParsedOrgFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new OrgFileError(
      source,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: '', message: `YAML syntax error at line ${pos.line}, column ${pos.col}: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  if (!isMap(doc.contents)) {
    throw new OrgFileError(source, [{ path: '', message: 'must be a YAML mapping with timezone, people and teams' }]);
  }
  let raw: unknown;
  try {
    // yaml refuses documents whose aliases expand past its limit (an "alias bomb").
    raw = doc.toJS();
  } catch (error) {
    throw new OrgFileError(source, [{ path: '', message: `cannot be read as YAML: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const result = orgFileSchema.safeParse(raw);
  if (!result.success) {
    // References between people and teams are checked once every entry is well-formed.
    throw new OrgFileError(source, result.error.issues.map((issue) => issueToProblem(issue, raw)));
  }
  const problems = [...crossCheck(result.data), ...signalSettingProblems(result.data.signals)];
  if (problems.length > 0) throw new OrgFileError(source, problems);
  return { org: result.data, hash: createHash('sha256').update(text).digest('hex') };
}

/** `signals.<type>.<key>` checked when the file is loaded, as the analysis checks them. */
function signalSettingProblems(signals: unknown): OrgFileProblem[] {
  try {
    resolveSignalParams(signals);
    return [];
  } catch (error) {
    if (error instanceof SignalParamsError) return error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
    throw error;
  }
}

export async function readOrgFile(path: string): Promise<ParsedOrgFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OrgFileError(path, [{ path: '', message: code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})` }]);
  }
  return parseOrgFile(text, path);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function issueToProblem(issue: z.core.$ZodIssue, raw: unknown): OrgFileProblem {
  const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined;
  return { path: formatPath(issue.path), message: missing ? 'is required' : issue.message };
}

/** What a schema cannot see: references between people and teams, and duplicates. */
function crossCheck(org: OrgFile): OrgFileProblem[] {
  const problems: OrgFileProblem[] = [];
  const personIndex = new Map<string, number>();
  const claimed = new Map<string, string>(); // "github:login" -> path that claimed it

  const claim = (key: string, path: string, what: string) => {
    const earlier = claimed.get(key);
    if (earlier) problems.push({ path, message: `${what} is already given at ${earlier}` });
    else claimed.set(key, path);
  };

  org.people.forEach((person, i) => {
    const at = `people[${i}]`;
    const earlier = personIndex.get(person.id);
    if (earlier !== undefined) problems.push({ path: `${at}.id`, message: `duplicate person id "${person.id}" (also people[${earlier}])` });
    else personIndex.set(person.id, i);
    if (person.email) claim(`email:${person.email.toLowerCase()}`, `${at}.email`, `email "${person.email}"`);
    person.github.forEach((login, j) => claim(`github:${login.toLowerCase()}`, `${at}.github[${j}]`, `GitHub login "${login}"`));
    person.slack.forEach((slackId, j) => claim(`slack:${slackId}`, `${at}.slack[${j}]`, `Slack id "${slackId}"`));
    person.leave.forEach((period, j) => {
      if (period.from > period.to) problems.push({ path: `${at}.leave[${j}]`, message: `from (${period.from}) is after to (${period.to})` });
    });
  });

  const teamIndex = new Map<string, number>();
  org.teams.forEach((team, i) => {
    const at = `teams[${i}]`;
    const earlier = teamIndex.get(team.id);
    if (earlier !== undefined) problems.push({ path: `${at}.id`, message: `duplicate team id "${team.id}" (also teams[${earlier}])` });
    else teamIndex.set(team.id, i);
    const seen = new Map<string, string>();
    for (const role of ['leads', 'members'] as const) {
      team[role].forEach((personId, j) => {
        const path = `${at}.${role}[${j}]`;
        if (!personIndex.has(personId)) {
          problems.push({ path, message: `unknown person "${personId}"` });
          return;
        }
        const first = seen.get(personId);
        if (first) problems.push({ path, message: `"${personId}" is already listed at ${first}` });
        else seen.set(personId, path);
      });
    }
  });
  return problems;
}
