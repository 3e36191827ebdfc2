/**
 * The demo's stand-ins for GitHub and Slack: generates the demo organisation with data up to the
 * Friday of the last week completed at the instant given as the second argument (the demo
 * command's clock reading, ISO 8601), writes its organisation file (YAML) to the path given as the first
 * argument, serves the organisation's
 * GitHub and Slack data with the fake servers of libs/testing on free loopback ports, and prints
 * one line of JSON:
 *
 *   {"githubApiUrl": "http://127.0.0.1:PORT", "githubToken": "...", "slackApiUrl": "http://127.0.0.1:PORT/api/", "slackToken": "...", "orgFile": "...", "endDate": "YYYY-MM-DD"}
 *
 * Then serves until SIGTERM or SIGINT (or until its standard input closes, when it has one: the
 * process that started it is gone), stops both servers and exits 0.
 *
 * Built by `npm run build:demo` (tsconfig.demo.json) into dist/demo; started by `undercurrent demo`.
 */
import { randomBytes } from 'node:crypto';
import { fstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { demoCommandOrganisation, demoEndDate, FakeGithubServer, FakeSlackServer, orgFileYaml } from '@undercurrent/testing';

async function main(argv: string[]): Promise<void> {
  const [target, nowArg] = argv;
  const now = new Date(nowArg ?? '');
  if (!target || Number.isNaN(now.getTime())) throw new Error('usage: fake-services.js ORG_FILE_PATH NOW (the demo clock\'s reading, ISO 8601)');
  const orgFile = resolve(target);
  // The quiet member's episode opens in the last completed week, and the file alerts the leads by
  // Slack DM: the demo's first analysis sends (or holds, in quiet hours) an alert.
  const endDate = demoEndDate(now);
  const demo = demoCommandOrganisation(now);
  mkdirSync(dirname(orgFile), { recursive: true });
  writeFileSync(orgFile, orgFileYaml(demo.orgFile));

  const githubToken = `ghp_demo${randomBytes(16).toString('hex')}`;
  const slackToken = `xoxb-demo-${randomBytes(16).toString('hex')}`;
  // No rate limit worth the name: the demo shows the product, not GitHub's budget.
  const github = new FakeGithubServer(demo.github, { token: githubToken, restLimit: 1_000_000, graphqlLimit: 1_000_000 });
  const slack = new FakeSlackServer(demo.slack, { token: slackToken });
  const githubApiUrl = await github.start();
  const slackBase = await slack.start().catch(async (error: unknown) => {
    await github.stop();
    throw error;
  });

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([github.stop(), slack.stop()]).then(() => process.exit(code));
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  const stdin = fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    // Started with a pipe on stdin: it closes when the parent goes, even on SIGKILL.
    process.stdin.on('end', () => stop(0));
    process.stdin.on('error', () => stop(0));
    process.stdin.resume();
  }

  process.stdout.write(`${JSON.stringify({ githubApiUrl, githubToken, slackApiUrl: `${slackBase}/api/`, slackToken, orgFile, endDate })}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`fake-services: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
