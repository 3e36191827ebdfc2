import type { ReactNode } from 'react';
import { useEffect } from 'react';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · Undercurrent`;
  }, [title]);

  return (
    <div className="page-header">
      <div className="page-header__text">
        <h1 tabIndex={-1}>{title}</h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
