import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import type { Route, RouteName } from '../hooks/useHashRoute';
import { ROUTES } from '../hooks/useHashRoute';

interface AppShellProps {
  route: Route;
  onSignOut: () => void;
  children: ReactNode;
}

const NAV_ORDER: RouteName[] = ['teams', 'syncs'];

export function AppShell({ route, onSignOut, children }: AppShellProps) {
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After moving to another page, put keyboard and screen-reader focus on its heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.name]);

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
              {NAV_ORDER.map((name) => (
                <li key={name}>
                  <a href={ROUTES[name].path} aria-current={route.name === name ? 'page' : undefined}>
                    {ROUTES[name].label}
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
