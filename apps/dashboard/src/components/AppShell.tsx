import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import type { Route } from '../hooks/useHashRoute';
import { NAV_ITEMS } from '../hooks/useHashRoute';

interface AppShellProps {
  route: Route;
  /** The page's address without its query: focus moves to the new page's heading when it changes. */
  pageKey: string;
  onSignOut: () => void;
  children: ReactNode;
}

export function AppShell({ route, pageKey, onSignOut, children }: AppShellProps) {
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After moving to another page, put keyboard and screen-reader focus on its heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pageKey]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main-content" onClick={(event) => {
        event.preventDefault();
        mainRef.current?.focus();
      }}>
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <span className="brand">Undercurrent</span>
          <nav className="topnav" aria-label="Main">
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.label}>
                  <a href={item.href} aria-current={item.routes.includes(route.name) ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <button type="button" className="button button--quiet topbar__signout" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main-content" className="content" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
