import { AnalysisConfigError } from '@undercurrent/analysis';
import type { SignalTypeName } from '@undercurrent/contracts';
import type { QuietHoursSetting } from '@undercurrent/metrics';
import { alertsSchema, DEFAULT_QUIET_HOURS, type Weekday } from '@undercurrent/org';
import type { DataSource, EntityManager } from 'typeorm';

/** The organisation file's `alerts`, as delivery needs them. */
export interface AlertSettings {
  signals: SignalTypeName[];
  slackDm: boolean;
  /** `#name` or an id; null: no channel post. */
  slackChannel: string | null;
  webhook: { url: string; secret: string } | null;
  quietHours: QuietHoursSetting;
  /** The weekly digest to each lead (opt-in); null: none. */
  digest: { day: Weekday; time: string } | null;
}

export interface OrganisationAlerts {
  timezone: string;
  settings: AlertSettings;
}

/**
 * `organisation.alerts` holds the file's parsed `alerts`, checked when the file was loaded. A row
 * written by an older version may not pass today's checks (a webhook without a secret): that is a
 * configuration problem, said as such, until the next sync loads the file again.
 */
export function parseAlertSettings(stored: unknown): AlertSettings {
  const result = alertsSchema.safeParse(stored ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `alerts${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`);
    throw new AnalysisConfigError(`the organisation file's alert settings are invalid (${problems.join('; ')}): fix ORG_FILE and run a sync`);
  }
  const parsed = result.data;
  return {
    signals: [...new Set(parsed.signals)],
    slackDm: parsed.slack?.dm ?? false,
    slackChannel: parsed.slack?.channel ?? null,
    webhook: parsed.webhook ? { url: parsed.webhook.url, secret: parsed.webhook.secret } : null,
    quietHours: parsed.quietHours === undefined ? { ...DEFAULT_QUIET_HOURS } : parsed.quietHours,
    digest: parsed.digest ? { day: parsed.digest.day, time: parsed.digest.time } : null,
  };
}

/** The organisation's time zone and alert settings; undefined before an organisation file was loaded. */
export async function loadOrganisationAlerts(db: DataSource | EntityManager): Promise<OrganisationAlerts | undefined> {
  const [row] = (await db.query(`SELECT timezone, alerts FROM organisation WHERE id = 1`)) as { timezone: string; alerts: unknown }[];
  return row ? { timezone: row.timezone, settings: parseAlertSettings(row.alerts) } : undefined;
}
