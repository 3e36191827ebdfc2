import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBareClone, type GitRepository } from './git-repository';

// Test helpers (not built): real repositories in a temporary directory, committed as given people
// at given dates.

export function run(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
      { cwd, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', ...env } },
      (error, stdout, stderr) => (error ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolvePromise(stdout.trim())),
    );
  });
}

export class TestRepo {
  private constructor(readonly dir: string) {}

  static async create(root: string, name: string): Promise<TestRepo> {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    await run(dir, ['init', '-q', '-b', 'main']);
    return new TestRepo(dir);
  }

  git(args: string[], env: Record<string, string> = {}): Promise<string> {
    return run(this.dir, args, env);
  }

  /** Writes (or, for `null`, deletes) files, then commits everything as `who` at `at`. */
  async commit(who: string, at: Date, files: Record<string, string | Buffer | null> = {}, message = `change by ${who}`): Promise<string> {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) await rm(full, { force: true });
      else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
    await this.git(['add', '-A']);
    await this.git(['-c', `user.email=${who}@example.com`, '-c', `user.name=${who}`, 'commit', '-q', '--allow-empty', '-m', message], dates(at));
    return this.git(['rev-parse', 'HEAD']);
  }

  async rename(who: string, at: Date, from: string, to: string): Promise<string> {
    await mkdir(dirname(join(this.dir, to)), { recursive: true });
    await this.git(['mv', from, to]);
    return this.commit(who, at, {}, `rename ${from} to ${to}`);
  }

  /** A merge commit (never fast-forward) of `branch` into the current branch, made by `who`. */
  async merge(who: string, at: Date, branch: string): Promise<string> {
    await this.git(['-c', `user.email=${who}@example.com`, '-c', `user.name=${who}`, 'merge', '-q', '--no-ff', '-m', `merge ${branch}`, branch], dates(at));
    return this.git(['rev-parse', 'HEAD']);
  }

  checkout(branch: string, create = false): Promise<string> {
    return this.git(create ? ['checkout', '-q', '-b', branch] : ['checkout', '-q', branch]);
  }

  /** A bare clone, as production uses. */
  clone(root: string, name = `${this.dir.split('/').pop()}.git`): Promise<GitRepository> {
    return ensureBareClone(pathToFileURL(this.dir).href, join(root, 'clones', name));
  }
}

export function dates(at: Date): Record<string, string> {
  const stamp = `@${Math.floor(at.getTime() / 1000)} +0000`;
  return { GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp };
}

/** `n` numbered lines, long enough for git's move detection to tell them apart. */
export function lines(prefix: string, from: number, to: number, indent = ''): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${indent}export const ${prefix}${i} = computeSomethingMeaningful(${i}, '${prefix}');`);
  return out;
}
export const text = (...groups: string[][]): string => `${groups.flat().join('\n')}\n`;
