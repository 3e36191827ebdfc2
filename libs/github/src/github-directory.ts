import type { GithubClient } from './github-client';
import { describeGithubError, GithubSyncError } from './github-errors';
import { restRepositorySchema } from './github-rest.schemas';

export interface GithubRepositoryPlan {
  /** "owner/name", lower-case, each once. */
  repositories: string[];
  /** Configured organisations GitHub could not list (not found, no access): one failed task each. */
  missing: { label: string; error: string }[];
}

/**
 * The repositories a sync covers: every repository of the configured organisations (one listing
 * request per 100 repositories, archived ones included: their history still counts), plus the
 * repositories listed in the organisation file, its teams' included. Bad credentials fail the
 * whole sync; an organisation that cannot be seen fails only its own part.
 */
export async function planGithubRepositories(
  client: GithubClient,
  config: { organizations: readonly string[]; repositories: readonly string[] },
): Promise<GithubRepositoryPlan> {
  const repositories = new Set(config.repositories.map((r) => r.toLowerCase()));
  const missing: GithubRepositoryPlan['missing'] = [];
  for (const org of config.organizations) {
    try {
      for (const raw of await client.paginate(client.rest.repos.listForOrg, { org, type: 'all', sort: 'full_name', per_page: 100 })) {
        repositories.add(restRepositorySchema.parse(raw).full_name.toLowerCase());
      }
    } catch (error) {
      const described = describeGithubError(error, `GitHub organisation "${org}"`);
      if (described instanceof GithubSyncError && described.code !== 'bad_credentials' && described.unrecoverable) missing.push({ label: `github:org:${org.toLowerCase()}`, error: described.message });
      else throw described;
    }
  }
  return { repositories: [...repositories].sort(), missing };
}
