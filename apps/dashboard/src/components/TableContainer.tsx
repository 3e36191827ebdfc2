import type { ReactNode } from 'react';
import { useId } from 'react';

interface TableContainerProps {
  /** The table's caption, also the name of the scrollable region. */
  caption: ReactNode;
  children: ReactNode;
  className?: string;
}

/**
 * A table in its own horizontally scrollable, keyboard-focusable region, so a wide table scrolls on
 * a phone instead of widening the page. Children are the table's `thead`/`tbody`.
 */
export function TableContainer({ caption, children, className }: TableContainerProps) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className ? `table ${className}` : 'table'}>
        <caption id={captionId}>
          <span className="table__caption-text">{caption}</span>
        </caption>
        {children}
      </table>
    </div>
  );
}
