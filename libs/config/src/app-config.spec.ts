import { ConfigError, loadConfig, loadDatabaseUrl, redactUrl } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/undercurrent',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_TOKEN: 'a-very-long-admin-token',
  ORG_FILE: '/etc/undercurrent/org.yaml',
};

function problemsOf(env: Record<string, string | undefined>, role: 'api' | 'worker' | 'cli' = 'api'): { variable: string; message: string }[] {
  try {
    loadConfig(env, role);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('parses a complete environment and fills the documented defaults', () => {
    const config = loadConfig(valid, 'api');
    expect(config).toMatchObject({
      databaseUrl: valid.DATABASE_URL,
      redisUrl: valid.REDIS_URL,
      port: 3000,
      adminToken: valid.ADMIN_TOKEN,
      queuePrefix: 'undercurrent',
      logLevel: 'info',
      github: { apiUrl: 'https://api.github.com', auth: undefined, webhookSecret: undefined },
      slack: { apiUrl: 'https://slack.com/api/', botToken: undefined, signingSecret: undefined },
      publicUrl: 'http://localhost:3000',
    });
  });

  it('takes PUBLIC_URL (the address alerts link to) without its trailing slash', () => {
    expect(loadConfig({ ...valid, PUBLIC_URL: 'https://undercurrent.example.com/' }, 'worker').publicUrl).toBe('https://undercurrent.example.com');
  });

  it.each([
    ['DATABASE_URL', 'api'],
    ['REDIS_URL', 'api'],
    ['ADMIN_TOKEN', 'api'],
    ['ORG_FILE', 'worker'],
  ] as const)('names %s when the %s is started without it', (variable, role) => {
    const env: Record<string, string | undefined> = { ...valid, [variable]: undefined };
    expect(problemsOf(env, role)).toEqual([{ variable, message: expect.stringMatching(/required/) }]);
  });

  it('treats an empty value as missing', () => {
    expect(problemsOf({ ...valid, ADMIN_TOKEN: '   ' })).toEqual([{ variable: 'ADMIN_TOKEN', message: 'is required by the api' }]);
  });

  it('lets the worker start without ADMIN_TOKEN and the API without ORG_FILE', () => {
    expect(loadConfig({ ...valid, ADMIN_TOKEN: undefined }, 'worker').adminToken).toBeUndefined();
    expect(loadConfig({ ...valid, ORG_FILE: undefined }, 'api').orgFile).toBeUndefined();
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/db', /postgres:\/\//],
    ['DATABASE_URL', 'not a url', /postgres:\/\//],
    ['REDIS_URL', 'http://localhost:6379', /redis:\/\//],
    ['PORT', 'abc', /whole number/],
    ['PORT', '70000', /between 1 and 65535/],
    ['PORT', '0', /between 1 and 65535/],
    ['ADMIN_TOKEN', 'short', /at least 16/],
    ['GITHUB_API_URL', 'ftp://github.example.com', /https?:\/\//],
    ['SLACK_API_URL', 'nope', /https?:\/\//],
    ['PUBLIC_URL', 'undercurrent.example.com', /https?:\/\//],
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /bot token/],
    ['LOG_LEVEL', 'loud', /.+/],
    ['QUEUE_PREFIX', 'has spaces', /letters, digits/],
    ['GITHUB_APP_ID', 'abc', /numeric/],
    ['STALE_RUN_MINUTES', 'soon', /whole number of minutes/],
    ['STALE_RUN_MINUTES', '0', /between 1 and 10080/],
    ['RECONCILE_SECONDS', '1.5', /whole number of seconds/],
    ['RECONCILE_SECONDS', '7200', /between 1 and 3600/],
  ])('names %s when its value %j is malformed', (variable, value, message) => {
    const problems = problemsOf({ ...valid, [variable]: value });
    expect(problems).toEqual([{ variable, message: expect.stringMatching(message) }]);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf({ PORT: 'x' });
    expect(problems.map((p) => p.variable).sort()).toEqual(['ADMIN_TOKEN', 'DATABASE_URL', 'PORT', 'REDIS_URL']);
  });

  it('never repeats a secret value in its message', () => {
    const secret = 'xoxp-this-is-a-secret-user-token';
    try {
      loadConfig({ ...valid, SLACK_BOT_TOKEN: secret, ADMIN_TOKEN: 'short-secret' }, 'api');
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain(secret);
      expect((error as Error).message).not.toContain('short-secret');
      expect((error as Error).message).toMatch(/SLACK_BOT_TOKEN/);
    }
  });

  it('takes a personal access token', () => {
    expect(loadConfig({ ...valid, GITHUB_TOKEN: 'ghp_abc' }, 'api').github.auth).toEqual({ kind: 'token', token: 'ghp_abc' });
  });

  it('takes a complete GitHub App and unescapes its key', () => {
    const config = loadConfig(
      { ...valid, GITHUB_APP_ID: '123', GITHUB_APP_INSTALLATION_ID: '456', GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----' },
      'api',
    );
    expect(config.github.auth).toEqual({ kind: 'app', appId: '123', installationId: '456', privateKey: '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----' });
  });

  it('names the missing parts of an incomplete GitHub App', () => {
    expect(problemsOf({ ...valid, GITHUB_APP_ID: '123' })).toEqual([
      { variable: 'GITHUB_APP_PRIVATE_KEY', message: expect.stringMatching(/GITHUB_APP_ID/) },
      { variable: 'GITHUB_APP_INSTALLATION_ID', message: expect.stringMatching(/GITHUB_APP_ID/) },
    ]);
  });

  it('refuses a token and an App at once', () => {
    const env = { ...valid, GITHUB_TOKEN: 'ghp_x', GITHUB_APP_ID: '1', GITHUB_APP_INSTALLATION_ID: '2', GITHUB_APP_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----x' };
    expect(problemsOf(env)).toEqual([{ variable: 'GITHUB_TOKEN', message: expect.stringMatching(/not both/) }]);
  });

  it('accepts a GitHub Enterprise Server API URL and adds the trailing slash Slack clients expect', () => {
    const config = loadConfig({ ...valid, GITHUB_API_URL: 'https://ghe.example.com/api/v3', SLACK_API_URL: 'http://127.0.0.1:9000/api' }, 'api');
    expect(config.github.apiUrl).toBe('https://ghe.example.com/api/v3');
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9000/api/');
  });

  it('flags a run stale after 15 minutes without progress and reconciles every minute unless told otherwise', () => {
    expect(loadConfig(valid, 'worker')).toMatchObject({ staleRunMinutes: 15, reconcileSeconds: 60 });
    expect(loadConfig({ ...valid, STALE_RUN_MINUTES: '45', RECONCILE_SECONDS: '5' }, 'worker')).toMatchObject({ staleRunMinutes: 45, reconcileSeconds: 5 });
  });

  it('uses the system clock unless CLOCK_START names the instant the clock starts at', () => {
    expect(loadConfig(valid, 'api').clockStart).toBeUndefined();
    expect(loadConfig({ ...valid, CLOCK_START: '2027-02-01T09:30:00+01:00' }, 'api').clockStart?.toISOString()).toBe('2027-02-01T08:30:00.000Z');
  });

  it.each(['2027-02-01', 'next monday', '2027-02-31T09:00:00Z', '2027-02-01T09:00:00'])('names CLOCK_START when it is %s', (value) => {
    expect(problemsOf({ ...valid, CLOCK_START: value })).toEqual([{ variable: 'CLOCK_START', message: expect.stringMatching(/ISO 8601 instant|real date/) }]);
  });
});

describe('loadDatabaseUrl', () => {
  it('needs only DATABASE_URL', () => {
    expect(loadDatabaseUrl({ DATABASE_URL: valid.DATABASE_URL })).toBe(valid.DATABASE_URL);
    expect(() => loadDatabaseUrl({})).toThrow(/DATABASE_URL: is required/);
  });
});

describe('redactUrl', () => {
  it('hides a password and keeps the rest', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/x')).toBe('postgres://app:***@db:5432/x');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('::')).toBe('(unparseable URL)');
  });
});
