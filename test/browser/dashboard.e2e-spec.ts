import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AlertDto, PersonDto, SignalDto, SignalEvidenceDto, SignalTypeName, TeamDto } from '@undercurrent/contracts';
import {
  deleteQueueKeys,
  freePort,
  demoCommandOrganisation,
  REPO_ROOT,
  startProcess,
  TEST_DATABASE_ADMIN_URL,
  TEST_REDIS_URL,
  waitFor,
  type RunningProcess,
} from '@undercurrent/testing';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The dashboard in a real browser (Debian's Chromium, driven by playwright-core), against
 * `undercurrent demo` on a database of its own: sign-in, every page at a desktop and a phone size,
 * the planted signals with their evidence, an API failure, and the team week's time to data.
 * Screenshots go to test-output/screenshots/<page>-<desktop|phone>.png.
 *
 * Needs `npm run build` (the dashboard in dist/dashboard) and /usr/bin/chromium (`apt-get install -y chromium`).
 */

const CHROMIUM = '/usr/bin/chromium';

function withoutFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept = Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(LD_PRELOAD|FAKETIME.*|DONT_FAKE_MONOTONIC)$/.test(entry[0]));
  return Object.fromEntries(kept);
}
const SCREENSHOTS = join(REPO_ROOT, 'test-output/screenshots');
// The demo's clock: Monday of 2026-W47, so its data ends on Friday 2026-11-13 (demoEndDate).
const CLOCK_START = '2026-11-16T09:00:00Z';
// The organisation the demo serves: its quiet member's episode opens in the last completed week, and alerts.
const demoOrg = demoCommandOrganisation(new Date(CLOCK_START));
const { planted } = demoOrg;
const WEEK = demoOrg.weeks[demoOrg.weeks.length - 1]!;
const TIME_TO_DATA_BUDGET_MS = 1500;

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;
type ViewportName = keyof typeof VIEWPORTS;

const SIGNAL_LABELS: Record<SignalTypeName, string> = {
  bottleneck_lead: 'Bottleneck lead',
  rewriting_lead: 'Rewriting lead',
  silent_member: 'Silent member',
};

const PLANTED: { type: SignalTypeName; personId: string; teamId: string }[] = [
  { type: 'bottleneck_lead', ...pick(planted.bottleneckLead) },
  { type: 'rewriting_lead', ...pick(planted.rewritingLead) },
  { type: 'silent_member', ...pick(planted.quietMember) },
];

function pick(p: { personId: string; teamId: string }): { personId: string; teamId: string } {
  return { personId: p.personId, teamId: p.teamId };
}

/** True once every chart figure on the page holds at least one SVG path that draws something. */
const CHARTS_DRAWN = `(() => {
  const figures = [...document.querySelectorAll('figure[data-testid="chart"]')];
  return figures.every((f) => [...f.querySelectorAll('svg path')].some((p) => (p.getAttribute('d') || '').trim() !== ''));
})()`;
/** True once the charts' drawing stopped changing between two polls (recharts' entry animation is over). */
const CHARTS_SETTLED = `(() => {
  const shape = [...document.querySelectorAll('figure[data-testid="chart"] svg path')].map((p) => p.getAttribute('d') || '').join('|');
  const settled = window.__ucChartShape === shape;
  window.__ucChartShape = shape;
  return settled;
})()`;
const CHART_REPORT = `[...document.querySelectorAll('figure[data-testid="chart"]')].map((f, i) =>
  'chart ' + i + ' (' + ((f.querySelector('figcaption') || {}).textContent || '').trim().slice(0, 40) + '): ' +
  f.querySelectorAll('svg').length + ' svg, ' + f.querySelectorAll('svg path').length + ' paths, ' +
  [...f.querySelectorAll('svg path')].filter((p) => (p.getAttribute('d') || '').trim() !== '').length + ' drawn').join('; ')`;

/** What one tab said and where it went: checked for errors and for the token. */
interface TabLog {
  errors: string[];
  console: string[];
  urls: string[];
}

function watch(page: Page): TabLog {
  const log: TabLog = { errors: [], console: [], urls: [] };
  page.on('console', (message) => {
    log.console.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') log.errors.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => {
    log.console.push(`pageerror: ${error.message}`);
    log.errors.push(`page error: ${error.message}`);
  });
  page.on('request', (request) => log.urls.push(request.url()));
  page.on('framenavigated', (frame) => log.urls.push(frame.url()));
  return log;
}

describe('dashboard in Chromium on the demo organisation', () => {
  const database = `uc_test_browser_${randomBytes(4).toString('hex')}`;
  let demo: RunningProcess | undefined;
  let browser: Browser | undefined;
  let baseUrl: string;
  let token: string;
  let teams: TeamDto[];
  let people: Map<string, PersonDto>;
  let openSignals: SignalDto[];
  const tabs = {} as Record<ViewportName, { context: BrowserContext; page: Page; log: TabLog }>;
  const allLogs: TabLog[] = [];
  const visitedUrls: string[] = [];
  let signedIn = false;

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const name = (personId: string): string => people.get(personId)?.name ?? personId;
  const teamWeekHash = (teamId: string): string => `#/teams/${encodeURIComponent(teamId)}?week=${WEEK}`;

  /** Navigate (same tab, so the session stays) and record the address. */
  async function go(page: Page, hash: string): Promise<void> {
    await page.goto(`${baseUrl}/${hash}`);
    visitedUrls.push(page.url());
  }

  /** A full page load of `hash` (not a hash change): nothing of the app's in-memory cache survives. */
  async function reload(page: Page, hash: string): Promise<void> {
    await page.goto('about:blank');
    await go(page, hash);
  }

  function requireSignIn(): void {
    if (!signedIn) throw new Error('not signed in (the sign-in test failed)');
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: install Debian's Chromium (apt-get install -y chromium)`);
    if (!existsSync(join(REPO_ROOT, 'dist/dashboard/index.html'))) throw new Error('no dist/dashboard/index.html: run npm run build first');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    demo = startProcess('cli', {
      DATABASE_URL: new URL(TEST_DATABASE_ADMIN_URL).toString(),
      REDIS_URL: TEST_REDIS_URL,
      PORT: String(port),
      DEMO_DATABASE: database,
      CLOCK_START,
    }, ['demo']);
    const started = Date.now();
    const [launched] = await Promise.all([
      chromium.launch({
        executablePath: CHROMIUM,
        // Under `faketime` (the suite run with the clock a year ahead) Chromium loads no page with
        // libfaketime preloaded: it starts without it. The dashboard reads no browser clock; the
        // servers it talks to keep the moved clock.
        env: withoutFaketime(process.env),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
      waitFor('the demo to be ready', () => {
        if (demo!.output().includes('Press Ctrl-C to stop.')) return true;
        if (demo!.child.exitCode !== null) return Promise.reject(new Error(`the demo exited:\n${demo!.output()}`));
        return undefined;
      }, 240_000, 250),
    ]);
    browser = launched;
    console.log(`browser test: the demo was ready in ${Date.now() - started} ms`);
    const output = demo.output();
    expect(output).toMatch(/Dashboard:\s+http:\/\/\S+\/\s*$/m); // served, not "(not built ...)"
    token = /Token:\s+(\S+)/.exec(output)![1]!;
    teams = await api<TeamDto[]>('/api/teams');
    people = new Map((await api<PersonDto[]>('/api/people')).map((p) => [p.id, p]));
    openSignals = await api<SignalDto[]>('/api/signals?status=open');
    for (const [viewport, options] of Object.entries(VIEWPORTS) as [ViewportName, (typeof VIEWPORTS)[ViewportName]][]) {
      const context = await browser.newContext({ ...options, baseURL: baseUrl });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const log = watch(page);
      allLogs.push(log);
      tabs[viewport] = { context, page, log };
    }
  }, 280_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (demo && demo.child.exitCode === null) {
      const { code } = await demo.stop('SIGINT', 60_000);
      if (code !== 0) console.warn(`the demo exited with ${code} after Ctrl-C:\n${demo.output().slice(-2000)}`);
    }
    await deleteQueueKeys(`undercurrent-demo-${database}`); // the demo's queue prefix with DEMO_DATABASE set
    const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }, 90_000);

  it('signs in through the form at both sizes', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const { page } = tabs[viewport];
      await go(page, '');
      await page.getByLabel('Token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Signed in once the form is gone (the button reads "Checking…" while the token is checked).
      await page.getByLabel('Token').waitFor({ state: 'detached', timeout: 15_000 });
      visitedUrls.push(page.url());
      await page.locator('nav').first().waitFor();
      await page.locator('h1').first().waitFor();
    }
    const { page } = tabs.desktop;
    signedIn = true;
    const missing: string[] = [];
    for (const link of ['Team week', 'Signals', 'Alerts', 'Sync status']) {
      if ((await page.getByRole('link', { name: link, exact: true }).count()) === 0) missing.push(link);
    }
    expect({ missingNavLinks: missing }).toEqual({ missingNavLinks: [] });
  }, 60_000);

  it('draws every page at 1280×800 and 390×844: one h1, charts with data, no console errors', async () => {
    requireSignIn();
    expect(PLANTED.every((p) => teams.some((t) => t.id === p.teamId))).toBe(true);
    interface PageSpec {
      name: string;
      hash: string;
      /** Shown once the page has its data. */
      ready?: string;
      h1: string[];
      charts: boolean;
    }
    const signalOf = (type: SignalTypeName, personId: string) => openSignals.find((s) => s.type === type && s.personId === personId);
    const pages: PageSpec[] = [
      ...teams.map((t) => ({ name: `team-week-${t.id}`, hash: teamWeekHash(t.id), ready: '[data-testid="team-week-headline"]', h1: [t.name], charts: true })),
      { name: 'person-quiet-member', hash: `#/people/${encodeURIComponent(planted.quietMember.personId)}`, h1: [name(planted.quietMember.personId)], charts: true },
      { name: 'delegation-rewriting-lead', hash: `#/leads/${encodeURIComponent(planted.rewritingLead.personId)}/delegation`, h1: [], charts: true },
      // The review network may be a matrix and a table rather than a chart: any chart it has must draw.
      { name: 'network-bottleneck-team', hash: `#/teams/${encodeURIComponent(planted.bottleneckLead.teamId)}/network`, h1: [], charts: false },
      { name: 'signals', hash: '#/signals', ready: '[data-testid="signal"]', h1: [], charts: false },
      ...PLANTED.map((p) => {
        const signal = signalOf(p.type, p.personId);
        return {
          name: `signal-${p.type}`,
          hash: `#/signals/${encodeURIComponent(signal?.id ?? `missing-${p.type}`)}`,
          ready: p.type === 'silent_member' ? '[data-testid="evidence-week"]' : '[data-testid="evidence-pr"]',
          h1: [SIGNAL_LABELS[p.type], name(p.personId)],
          charts: false,
        };
      }),
      { name: 'syncs', hash: '#/syncs', h1: [], charts: false },
      // The demo's alert: the quiet member's leads told by Slack DM (or held for quiet hours).
      { name: 'alerts', hash: '#/alerts', ready: 'table tbody tr', h1: ['Alerts'], charts: false },
    ];

    const failures: string[] = [];
    for (const viewport of ['desktop', 'phone'] as const) {
      const { page, log } = tabs[viewport];
      for (const spec of pages) {
        const label = `${spec.name} (${viewport})`;
        const errorsBefore = log.errors.length;
        const problems: string[] = [];
        try {
          await go(page, spec.hash);
          await page.locator('h1').first().waitFor({ timeout: 5_000 });
          if (spec.ready) await page.locator(spec.ready).first().waitFor({ timeout: 8_000 });
          // Loading indicators gone (the data is in), then the charts drawn.
          await page.waitForFunction(`!document.querySelector('main [role="status"]')`, undefined, { timeout: 8_000 }).catch(() => problems.push('still loading (role="status") after 8 s'));
          const figures = await page.locator('figure[data-testid="chart"]').count();
          if (spec.charts && figures === 0) problems.push('no figure[data-testid="chart"]');
          if (figures > 0) {
            const drawn = await page.waitForFunction(CHARTS_DRAWN, undefined, { timeout: 8_000 }).then(() => true, () => false);
            if (!drawn) problems.push(`a chart drew nothing: ${String(await page.evaluate(CHART_REPORT))}`);
            // For the screenshot: the end of the entry animation, not a frame of it.
            await page.waitForFunction(CHARTS_SETTLED, undefined, { timeout: 3_000, polling: 250 }).catch(() => undefined);
          }
          const h1s = await page.locator('h1').allInnerTexts();
          if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements (${JSON.stringify(h1s)})`);
          for (const text of spec.h1) if (!h1s.some((h) => h.includes(text))) problems.push(`h1 ${JSON.stringify(h1s)} lacks ${JSON.stringify(text)}`);
        } catch (error) {
          problems.push((error as Error).message.split('\n')[0]!);
        }
        await page.screenshot({ path: join(SCREENSHOTS, `${spec.name}-${viewport}.png`), fullPage: true }).catch((error: Error) => problems.push(`screenshot: ${error.message}`));
        const errors = log.errors.slice(errorsBefore);
        if (errors.length > 0) problems.push(...errors);
        if (problems.length > 0) failures.push(`${label}: ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  describe.each(PLANTED)('the planted $type ($personId)', ({ type, personId, teamId }) => {
    const selector = `[data-testid="signal"][data-signal-type="${type}"][data-person-id="${personId}"]`;
    const evidenceSelector = type === 'silent_member' ? '[data-testid="evidence-week"]' : '[data-testid="evidence-pr"]';

    /** On the signal page just opened: its heading, and evidence that is the API's. */
    async function checkSignalPage(page: Page): Promise<void> {
      await page.waitForURL(/#\/signals\/[^/?]+/);
      visitedUrls.push(page.url());
      const id = decodeURIComponent(/#\/signals\/([^/?]+)/.exec(page.url())![1]!);
      const signal = await api<SignalDto>(`/api/signals/${encodeURIComponent(id)}`);
      expect({ type: signal.type, personId: signal.personId }).toEqual({ type, personId });
      await page.locator(evidenceSelector).first().waitFor();
      const h1 = await page.locator('h1').innerText();
      expect(h1).toContain(SIGNAL_LABELS[type]);
      expect(h1).toContain(name(personId));
      const rows = page.locator(evidenceSelector);
      if (type === 'silent_member') {
        expect(await rows.count()).toBeGreaterThan(0);
      } else {
        const hrefs = await rows.locator('a[href]').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
        const urls = signal.evidence.filter((e): e is Extract<SignalEvidenceDto, { kind: 'pull_request' }> => e.kind === 'pull_request').map((e) => e.url);
        expect(urls.length).toBeGreaterThan(0);
        expect([...new Set(hrefs)].sort()).toEqual([...new Set(urls)].sort());
      }
    }

    it('shows on its team week, and opens the signal page with its evidence', async () => {
      requireSignIn();
      const { page, log } = tabs.desktop;
      const errorsBefore = log.errors.length;
      await go(page, teamWeekHash(teamId));
      const card = page.locator(selector).first();
      await card.waitFor();
      await card.locator('a[href*="#/signals/"]').first().click();
      await checkSignalPage(page);
      await page.screenshot({ path: join(SCREENSHOTS, `signal-${type}-from-team-week-desktop.png`), fullPage: true });
      expect(log.errors.slice(errorsBefore)).toEqual([]);
    }, 60_000);

    it('shows on the signals list, and reaches the pull requests (or weeks) behind it', async () => {
      requireSignIn();
      const { page, log } = tabs.desktop;
      const errorsBefore = log.errors.length;
      await go(page, '#/signals');
      const row = page.locator(selector).first();
      await row.waitFor();
      await row.locator('a[href*="#/signals/"]').first().click();
      await checkSignalPage(page);
      expect(log.errors.slice(errorsBefore)).toEqual([]);
    }, 60_000);
  });

  it('shows the demo\'s alert on the Alerts page at both sizes: the quiet member\'s leads told by Slack DM, sent or held for quiet hours as the API says', async () => {
    requireSignIn();
    const quiet = planted.quietMember;
    const leads = teams.find((t) => t.id === quiet.teamId)!.leads;
    // Delivered (or held) by the worker shortly after the analysis: whichever, not still on its way.
    const alerts = await waitFor('the demo\'s alerts delivered or held', async () => {
      const list = await api<AlertDto[]>('/api/alerts');
      return list.length === leads.length && list.every((a) => a.status === 'sent' || a.status === 'held') ? list : undefined;
    }, 30_000, 250);
    expect(alerts.map((a) => [a.personId, a.signalType, a.channel, a.openedWeek]).sort()).toEqual(leads.map(() => [quiet.personId, 'silent_member', 'slack_dm', WEEK]));
    expect(alerts.map((a) => a.recipient).sort()).toEqual([...leads].sort());
    const statusLabel = { sent: 'Sent', held: 'Held (quiet hours)' } as Record<string, string>;
    for (const viewport of ['desktop', 'phone'] as const) {
      const { page } = tabs[viewport];
      await go(page, '#/alerts');
      const rows = page.locator('table tbody tr');
      await rows.first().waitFor({ timeout: 8_000 });
      expect(await rows.count()).toBe(alerts.length);
      for (const alert of alerts) {
        const row = rows.filter({ hasText: name(alert.recipient) });
        expect(await row.count()).toBe(1);
        const text = await row.innerText();
        expect(text).toContain(name(quiet.personId));
        expect(text).toContain(`Silent member since ${WEEK}`);
        expect(text).toContain('Slack DM');
        expect(text).toContain(statusLabel[alert.status]);
      }
      await page.screenshot({ path: join(SCREENSHOTS, `alerts-${viewport}.png`), fullPage: true });
    }
  }, 60_000);

  it('lands on the last completed week, says what the data is as of, and marks the week in progress as partial', async () => {
    requireSignIn();
    const { page, log } = tabs.desktop;
    const errorsBefore = log.errors.length;
    const teamId = planted.quietMember.teamId;
    // The landing page (no week in the address) shows the last completed week: the data's last week.
    await go(page, `#/teams/${encodeURIComponent(teamId)}`);
    await page.locator('[data-testid="team-week-headline"]').waitFor();
    expect(await page.locator('h1').innerText()).toContain(`week ${WEEK}`);
    const header = await page.locator('.page-header').first().innerText();
    expect(header).toMatch(/Data as of .*2026/);
    expect(header).toContain(`last completed week ${WEEK}`);
    expect(await page.locator('[data-testid="week-in-progress"]').count()).toBe(0);
    // Next week is the week in progress: counts so far, marked as such; there is no week after it.
    await page.getByRole('button', { name: /Next week/ }).click();
    const note = page.locator('[data-testid="week-in-progress"]');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/in progress: its figures are counts so far/);
    expect(await page.getByRole('button', { name: /Next week/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'team-week-in-progress-desktop.png'), fullPage: true });
    expect(log.errors.slice(errorsBefore)).toEqual([]);
  }, 60_000);

  it('shows the API\'s message when a call fails, on a page that is not blank', async () => {
    requireSignIn();
    const { page } = tabs.desktop;
    const message = 'Internal server error (injected)';
    await page.route('**/api/teams/*/report*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ statusCode: 500, message }) }),
    );
    try {
      await reload(page, teamWeekHash(planted.bottleneckLead.teamId));
      const alert = page.locator('[role="alert"]').filter({ hasText: message });
      await alert.first().waitFor({ timeout: 20_000 }); // after the client's retries of a 5xx
      await page.screenshot({ path: join(SCREENSHOTS, 'error-state-desktop.png'), fullPage: true });
      expect(await page.locator('nav').first().isVisible()).toBe(true);
      expect((await page.locator('body').innerText()).trim().length).toBeGreaterThan(message.length + 20);
      expect(await page.locator('h1').count()).toBe(1);
    } finally {
      await page.unroute('**/api/teams/*/report*');
    }
  }, 60_000);

  it(`draws the team week's headline within ${TIME_TO_DATA_BUDGET_MS} ms of navigating (a warm second full page load)`, async () => {
    requireSignIn();
    const { page } = tabs.desktop;
    const hash = teamWeekHash(planted.bottleneckLead.teamId);
    const timeToData = async (): Promise<number> => {
      await page.goto('about:blank');
      const start = performance.now();
      await page.goto(`${baseUrl}/${hash}`, { waitUntil: 'commit' });
      await page.locator('[data-testid="team-week-headline"]').first().waitFor({ state: 'visible', timeout: 15_000 });
      visitedUrls.push(page.url());
      return Math.round(performance.now() - start);
    };
    const first = await timeToData();
    const second = await timeToData();
    console.log(`TEAM WEEK TIME TO DATA (page.goto to [data-testid="team-week-headline"] visible, full page load, 1280×800): first load ${first} ms, warm second load ${second} ms (budget ${TIME_TO_DATA_BUDGET_MS} ms, asserted on the second)`);
    expect(second).toBeLessThan(TIME_TO_DATA_BUDGET_MS);
  }, 60_000);

  it('never puts the token in an address or a console line', () => {
    requireSignIn();
    const urls = [...visitedUrls, ...allLogs.flatMap((l) => l.urls)];
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => u.includes(token) || u.includes(encodeURIComponent(token)))).toEqual([]);
    expect(allLogs.flatMap((l) => l.console).filter((line) => line.includes(token))).toEqual([]);
  });
});
