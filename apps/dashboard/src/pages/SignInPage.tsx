import type { FormEvent } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { checkToken } from '../api/auth';
import { signIn, TOKEN_REJECTED_NOTICE } from '../auth/session';
import { errorMessage } from '../components/QueryStates';

export function SignInPage({ notice }: { notice: string | null }) {
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(notice);
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const problemId = useId();

  useEffect(() => {
    document.title = 'Sign in · Undercurrent';
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    setProblem(notice);
  }, [notice]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const candidate = token.trim();
    if (candidate === '') {
      setProblem('Enter the API token.');
      inputRef.current?.focus();
      return;
    }
    setChecking(true);
    setProblem(null);
    try {
      const result = await checkToken(candidate);
      if (result.ok) {
        signIn(candidate);
        return;
      }
      setProblem(result.status === 401 ? TOKEN_REJECTED_NOTICE : result.message);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setChecking(false);
    }
    inputRef.current?.select();
  }

  return (
    <main className="signin" id="main-content">
      <div className="signin__card">
        <p className="brand brand--large">Undercurrent</p>
        <h1>Sign in</h1>
        <form onSubmit={onSubmit} noValidate>
          {problem ? (
            <p className="form-problem" role="alert" id={problemId}>
              {problem}
            </p>
          ) : null}
          <label htmlFor="api-token">API token</label>
          <input
            ref={inputRef}
            id="api-token"
            name="api-token"
            type="password"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-describedby={problem ? `${problemId} ${hintId}` : hintId}
            aria-invalid={problem ? true : undefined}
            disabled={checking}
          />
          <p className="hint" id={hintId}>
            The server&apos;s <code>ADMIN_TOKEN</code>, or a token an admin gave you. It is kept in this browser tab
            only and forgotten when the tab closes.
          </p>
          <button type="submit" className="button button--primary" disabled={checking}>
            {checking ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
