import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { listenOnLoopback, REPO_ROOT } from '../processes';

/** The recorded rows of one CSV file: `data` parsed, `input` parsed when present. */
export interface RecordedRow {
  data: Record<string, unknown>;
  url: string;
  input: Record<string, unknown> | null;
}

/** RFC 4180 CSV (quoted fields with doubled quotes and line breaks), into objects by header. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header, ...rows] = records;
  return rows.filter((r) => r.length === header!.length).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

export const RECORDED_DIR = join(REPO_ROOT, 'test/fixtures/github-recorded');

/** One recorded listing, each item once (some were recorded twice, by two connections). */
export function readRecorded(name: 'pull_requests' | 'pull_request_reviews' | 'pull_request_commits' | 'pull_request_review_comments' | 'comments' | 'events'): RecordedRow[] {
  const rows = parseCsv(readFileSync(join(RECORDED_DIR, `_raw_github_api_${name}.csv`), 'utf8'));
  const unique = new Map<string, RecordedRow>();
  for (const row of rows) {
    const data = JSON.parse(row['data']!) as Record<string, unknown>;
    const input = row['input'] && row['input'] !== 'null' ? (JSON.parse(row['input']) as Record<string, unknown>) : null;
    unique.set(String(data['id'] ?? data['sha']) + (input ? `@${String(input['Number'])}` : ''), { data, url: row['url']!, input });
  }
  return [...unique.values()];
}

/**
 * Serves the recorded `panjf2000/ants` responses at the paths they were recorded from, with
 * GitHub's pagination (`per_page`, `page`, `Link`), `since` and ordering, so that the real
 * Octokit client and the REST path of the sync read them as they would read GitHub.
 * `GET /repos/panjf2000/ants` was not recorded: it answers a minimal repository object.
 */
export class RecordedGithubServer {
  private server?: Server;
  readonly requests: string[] = [];
  private readonly data = {
    pulls: readRecorded('pull_requests').map((r) => r.data),
    reviews: readRecorded('pull_request_reviews'),
    commits: readRecorded('pull_request_commits'),
    reviewComments: readRecorded('pull_request_review_comments').map((r) => r.data),
    issueComments: readRecorded('comments').map((r) => r.data),
    events: readRecorded('events').map((r) => r.data),
  };

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    return listenOnLoopback(this.server);
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const base = '/repos/panjf2000/ants';
    const since = url.searchParams.get('since');
    const after = (items: Record<string, unknown>[], field: string) => (since ? items.filter((i) => String(i[field]) > since) : items);
    const by = (field: string, direction: 'asc' | 'desc') => (a: Record<string, unknown>, b: Record<string, unknown>) =>
      (direction === 'asc' ? 1 : -1) * String(a[field]).localeCompare(String(b[field]));
    let items: unknown[] | undefined;
    let single: unknown;
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (p === base) single = { id: 134018330, node_id: 'MDEwOlJlcG9zaXRvcnkxMzQwMTgzMzA=', name: 'ants', full_name: 'panjf2000/ants', default_branch: 'master', archived: false, private: false };
    else if (p === `${base}/pulls`) items = [...this.data.pulls].sort(by('updated_at', url.searchParams.get('direction') === 'asc' ? 'asc' : 'desc'));
    else if ((m = new RegExp(`^${base}/pulls/(\\d+)/reviews$`).exec(p))) items = this.data.reviews.filter((r) => r.input?.['Number'] === Number(m![1])).map((r) => r.data);
    else if ((m = new RegExp(`^${base}/pulls/(\\d+)/commits$`).exec(p))) items = this.data.commits.filter((r) => r.input?.['Number'] === Number(m![1])).map((r) => r.data);
    else if (p === `${base}/pulls/comments`) items = after(this.data.reviewComments, 'updated_at').sort(by('created_at', 'asc'));
    else if (p === `${base}/issues/comments`) items = after(this.data.issueComments, 'updated_at').sort(by('created_at', 'asc'));
    else if (p === `${base}/issues/events`) items = [...this.data.events].sort(by('created_at', 'desc'));
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('x-ratelimit-limit', '5000');
    res.setHeader('x-ratelimit-remaining', String(5000 - this.requests.length));
    res.setHeader('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600));
    if (single !== undefined) {
      res.end(JSON.stringify(single));
      return;
    }
    if (!items) {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }));
      return;
    }
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    if (page < last) {
      const link = (n: number) => {
        const next = new URL(url.toString());
        next.searchParams.set('page', String(n));
        return `<http://${req.headers.host}${next.pathname}${next.search}>`;
      };
      res.setHeader('link', `${link(page + 1)}; rel="next", ${link(last)}; rel="last"`);
    }
    res.end(JSON.stringify(items.slice((page - 1) * perPage, page * perPage)));
  }
}
