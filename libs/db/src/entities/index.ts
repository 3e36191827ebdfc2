import { AlertAttemptEntity } from './alert-attempt.entity';
import { AlertEntity } from './alert.entity';
import { AnalysisRunEntity } from './analysis-run.entity';
import { ReviewWaitEntity } from './review-wait.entity';
import { PullRequestFactEntity } from './pull-request-fact.entity';
import { PullRequestRewriteEntity } from './pull-request-rewrite.entity';
import { PersonWeekEntity } from './person-week.entity';
import { TeamWeekEntity } from './team-week.entity';
import { TeamMemberWeekEntity } from './team-member-week.entity';
import { SignalEvaluationEntity } from './signal-evaluation.entity';
import { SignalEntity } from './signal.entity';
import { GithubCommentEntity } from './github-comment.entity';
import { GithubCommitEntity } from './github-commit.entity';
import { GithubPrEventEntity } from './github-pr-event.entity';
import { GithubPrRewriteEntity } from './github-pr-rewrite.entity';
import { GithubPullRequestEntity } from './github-pull-request.entity';
import { GithubRepositoryEntity } from './github-repository.entity';
import { GithubReviewEntity } from './github-review.entity';
import { GithubUserEntity } from './github-user.entity';
import { GithubWebhookDeliveryEntity } from './github-webhook-delivery.entity';
import { IdentityEntity } from './identity.entity';
import { LeavePeriodEntity } from './leave-period.entity';
import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { PersonEntity } from './person.entity';
import { SlackChannelEntity } from './slack-channel.entity';
import { SlackEventEntity } from './slack-event.entity';
import { SlackMessageEntity } from './slack-message.entity';
import { SlackUserEntity } from './slack-user.entity';
import { SyncRunEntity } from './sync-run.entity';
import { SyncTaskEntity } from './sync-task.entity';
import { TeamEntity } from './team.entity';

export {
  AlertAttemptEntity,
  AlertEntity,
  AnalysisRunEntity,
  ReviewWaitEntity,
  PullRequestFactEntity,
  PullRequestRewriteEntity,
  PersonWeekEntity,
  TeamWeekEntity,
  TeamMemberWeekEntity,
  SignalEvaluationEntity,
  SignalEntity,
  GithubCommentEntity,
  GithubCommitEntity,
  GithubPrEventEntity,
  GithubPrRewriteEntity,
  GithubPullRequestEntity,
  GithubRepositoryEntity,
  GithubReviewEntity,
  GithubUserEntity,
  GithubWebhookDeliveryEntity,
  IdentityEntity,
  LeavePeriodEntity,
  MembershipEntity,
  OrganisationEntity,
  PersonEntity,
  SlackChannelEntity,
  SlackEventEntity,
  SlackMessageEntity,
  SlackUserEntity,
  SyncRunEntity,
  SyncTaskEntity,
  TeamEntity,
};
export type { IdentityKind } from './identity.entity';

/** Every entity, listed (never globbed from dist/). */
export const ENTITIES = [
  PersonEntity,
  IdentityEntity,
  TeamEntity,
  MembershipEntity,
  LeavePeriodEntity,
  OrganisationEntity,
  SyncRunEntity,
  SyncTaskEntity,
  SlackUserEntity,
  SlackChannelEntity,
  SlackMessageEntity,
  SlackEventEntity,
  GithubUserEntity,
  GithubRepositoryEntity,
  GithubPullRequestEntity,
  GithubPrEventEntity,
  GithubReviewEntity,
  GithubCommentEntity,
  GithubCommitEntity,
  GithubPrRewriteEntity,
  GithubWebhookDeliveryEntity,
  AnalysisRunEntity,
  ReviewWaitEntity,
  PullRequestFactEntity,
  PullRequestRewriteEntity,
  PersonWeekEntity,
  TeamWeekEntity,
  TeamMemberWeekEntity,
  SignalEvaluationEntity,
  SignalEntity,
  AlertEntity,
  AlertAttemptEntity,
];
