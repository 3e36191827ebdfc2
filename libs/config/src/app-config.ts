import { z } from 'zod';

/**
 * The environment, parsed once into a typed object. Nothing else in the code base reads
 * `process.env`: entry points call `loadConfig(process.env, role)` and pass the result on.
 */

export type ProcessRole = 'api' | 'worker' | 'cli';

/** Variables whose values must never appear in a message or a log line. */
export const SECRET_VARIABLES = [
  'ADMIN_TOKEN',
  'GITHUB_TOKEN',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_WEBHOOK_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
] as const;

const optionalString = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** `2026-11-16T09:00:00Z`, `2026-11-16T10:00+01:00`: a date, a time and an offset. */
export const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date that exists and a time of day (JavaScript would roll 31 February over to March). */
export function isRealInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (!match) return true; // the pattern's own message says what is wrong
  const [, y, m, d, hh, mm] = match.map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  return m! >= 1 && m! <= 12 && d! >= 1 && d! <= daysInMonth && hh! < 24 && mm! < 60 && !Number.isNaN(Date.parse(value));
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string({ error: 'is required' }).pipe(url(['postgres:', 'postgresql:'])),
  REDIS_URL: z.string({ error: 'is required' }).pipe(url(['redis:', 'rediss:'])),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"')
    .default('undercurrent'),
  PORT: z
    .string()
    .default('3000')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535')),
  ADMIN_TOKEN: optionalString.pipe(
    z.string().min(16, 'must be at least 16 characters long').optional(),
  ),
  ORG_FILE: optionalString,
  DASHBOARD_DIR: optionalString,
  GITHUB_TOKEN: optionalString,
  GITHUB_APP_ID: optionalString.pipe(z.string().regex(/^\d+$/, 'must be a numeric GitHub App id').optional()),
  GITHUB_APP_PRIVATE_KEY: optionalString.pipe(
    z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
  ),
  GITHUB_APP_INSTALLATION_ID: optionalString.pipe(
    z.string().regex(/^\d+$/, 'must be a numeric installation id').optional(),
  ),
  GITHUB_API_URL: z.string().default('https://api.github.com').pipe(url(['https:', 'http:'])),
  GITHUB_WEBHOOK_SECRET: optionalString,
  GITHUB_CLONE_DIR: optionalString,
  GITHUB_GIT_URL: optionalString.pipe(url(['https:', 'http:', 'file:']).optional()),
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().startsWith('xoxb-', 'must be a bot token (xoxb-...)').optional(),
  ),
  SLACK_API_URL: z.string().default('https://slack.com/api/').pipe(url(['https:', 'http:'])),
  SLACK_SIGNING_SECRET: optionalString,
  PUBLIC_URL: z.string().default('http://localhost:3000').pipe(url(['https:', 'http:'])),
  STALE_RUN_MINUTES: z
    .string()
    .default('15')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of minutes'))
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be between 1 and 10080').max(10_080, 'must be between 1 and 10080')),
  RECONCILE_SECONDS: z
    .string()
    .default('60')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of seconds'))
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be between 1 and 3600').max(3_600, 'must be between 1 and 3600')),
  CLOCK_START: optionalString.pipe(
    z
      .string()
      .regex(INSTANT, 'must be an ISO 8601 instant with its offset, e.g. 2026-11-16T09:00:00Z')
      .refine(isRealInstant, 'must be a real date and time')
      .optional(),
  ),
});

type Env = z.infer<typeof envSchema>;

export type GithubAuth =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: string; privateKey: string; installationId: string };

export interface AppConfig {
  nodeEnv: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port: number;
  adminToken: string | undefined;
  orgFile: string | undefined;
  /** Folder of the built dashboard the API serves; unset: the API serves no dashboard. */
  dashboardDir: string | undefined;
  github: {
    apiUrl: string;
    auth: GithubAuth | undefined;
    webhookSecret: string | undefined;
    /** Where the worker keeps bare clones for the line-level rewrite analysis; unset: no analysis. */
    cloneDir: string | undefined;
    /** Base of the git URLs (`<base>/<owner>/<name>.git`); unset: derived from the API URL. */
    gitUrl: string | undefined;
  };
  slack: {
    apiUrl: string;
    botToken: string | undefined;
    signingSecret: string | undefined;
  };
  /** The dashboard's address as people reach it: links in alerts point there. */
  publicUrl: string;
  /**
   * For the demo and end-to-end tests only: the product's clock starts at this instant and runs
   * on in real time. Unset (production): the system clock.
   */
  clockStart: Date | undefined;
  /** An unfinished run with no progress for this long is flagged stale (API, /health). */
  staleRunMinutes: number;
  /** How often the reconciler compares the runs of record with the queue (and each worker checks its schedule exists). */
  reconcileSeconds: number;
}

/** What each process cannot start without. */
const REQUIRED_BY_ROLE: Record<ProcessRole, (keyof Env)[]> = {
  api: ['ADMIN_TOKEN'],
  worker: ['ORG_FILE'],
  cli: [],
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parse the environment. Throws a `ConfigError` naming every wrong or missing variable (never
 * echoing a secret's value).
 */
export function loadConfig(
  source: Record<string, string | undefined>,
  role: ProcessRole,
): AppConfig {
  const parsed = envSchema.safeParse(source);
  const problems: { variable: string; message: string }[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? '(environment)');
      problems.push({ variable, message: issue.message });
    }
  }
  const env = parsed.success ? parsed.data : undefined;
  for (const variable of REQUIRED_BY_ROLE[role]) {
    const raw = source[variable];
    if ((raw === undefined || raw.trim() === '') && !problems.some((p) => p.variable === variable)) {
      problems.push({ variable, message: `is required by the ${role}` });
    }
  }
  let githubAuth: GithubAuth | undefined;
  if (env) {
    const appVars = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID'] as const;
    const present = appVars.filter((v) => env[v] !== undefined);
    if (present.length > 0 && present.length < appVars.length) {
      for (const v of appVars.filter((name) => env[name] === undefined)) {
        problems.push({ variable: v, message: `is required when ${present.join(' and ')} is set (GitHub App authentication)` });
      }
    } else if (present.length === appVars.length && env.GITHUB_TOKEN !== undefined) {
      problems.push({ variable: 'GITHUB_TOKEN', message: 'set either GITHUB_TOKEN or the GitHub App variables, not both' });
    } else if (present.length === appVars.length) {
      githubAuth = {
        kind: 'app',
        appId: env.GITHUB_APP_ID!,
        // Keys pasted into an environment file often carry literal "\n".
        privateKey: env.GITHUB_APP_PRIVATE_KEY!.replace(/\\n/g, '\n'),
        installationId: env.GITHUB_APP_INSTALLATION_ID!,
      };
    } else if (env.GITHUB_TOKEN !== undefined) {
      githubAuth = { kind: 'token', token: env.GITHUB_TOKEN };
    }
  }
  if (problems.length > 0 || !env) throw new ConfigError(problems);

  return {
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    port: env.PORT,
    adminToken: env.ADMIN_TOKEN,
    orgFile: env.ORG_FILE,
    dashboardDir: env.DASHBOARD_DIR,
    github: { apiUrl: env.GITHUB_API_URL, auth: githubAuth, webhookSecret: env.GITHUB_WEBHOOK_SECRET, cloneDir: env.GITHUB_CLONE_DIR, gitUrl: env.GITHUB_GIT_URL },
    slack: {
      apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
    },
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    clockStart: env.CLOCK_START === undefined ? undefined : new Date(env.CLOCK_START),
    staleRunMinutes: env.STALE_RUN_MINUTES,
    reconcileSeconds: env.RECONCILE_SECONDS,
  };
}

/** A connection URL with its password replaced, fit for a log line or an error message. */
export function redactUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Only DATABASE_URL, for tools that touch nothing but the database (TypeORM's migration CLI). */
export function loadDatabaseUrl(source: Record<string, string | undefined>): string {
  const parsed = envSchema.pick({ DATABASE_URL: true }).safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: 'DATABASE_URL', message: i.message })));
  }
  return parsed.data.DATABASE_URL;
}
