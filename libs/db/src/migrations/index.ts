import { Foundation1795248744731 } from './1795248744731-Foundation';
import { SlackAndSyncTasks1795250484713 } from './1795250484713-SlackAndSyncTasks';
import { GithubData1795251976982 } from './1795251976982-GithubData';
import { GithubWebhooksAndRewrites1795254076635 } from './1795254076635-GithubWebhooksAndRewrites';

/** Every migration, in order. A new migration is generated (see README) and added here. */
export const MIGRATIONS: (new () => unknown)[] = [Foundation1795248744731, SlackAndSyncTasks1795250484713, GithubData1795251976982, GithubWebhooksAndRewrites1795254076635];
