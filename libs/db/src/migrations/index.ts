import { Foundation1795248744731 } from './1795248744731-Foundation';
import { SlackAndSyncTasks1795250484713 } from './1795250484713-SlackAndSyncTasks';
import { GithubData1795251976982 } from './1795251976982-GithubData';
import { GithubWebhooksAndRewrites1795254076635 } from './1795254076635-GithubWebhooksAndRewrites';
import { Analysis1795255928003 } from './1795255928003-Analysis';
import { SyncRunAsOf1795259000000 } from './1795259000000-SyncRunAsOf';
import { GithubIds641795260000000 } from './1795260000000-GithubIds64';
import { Alerts1795261000000 } from './1795261000000-Alerts';
import { RunRecovery1795262000000 } from './1795262000000-RunRecovery';

/** Every migration, in order. A new migration is generated (see README) and added here. */
export const MIGRATIONS: (new () => unknown)[] = [
  Foundation1795248744731,
  SlackAndSyncTasks1795250484713,
  GithubData1795251976982,
  GithubWebhooksAndRewrites1795254076635,
  Analysis1795255928003,
  SyncRunAsOf1795259000000,
  GithubIds641795260000000,
  Alerts1795261000000,
  RunRecovery1795262000000,
];
