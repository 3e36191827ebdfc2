import type { ReactNode } from 'react';
import { useId } from 'react';

export interface DataTableColumn<T> {
  label: string;
  value: (row: T) => ReactNode;
  numeric?: boolean;
}

interface ChartFigureProps<T> {
  title: string;
  /** The metric definitions the figures follow, e.g. "time to first review v1". */
  definitionVersion: string;
  /** What the chart shows and how to read it. */
  caption?: ReactNode;
  /** The chart's data, as a table for screen readers and anyone who prefers numbers. */
  rows: T[];
  rowKey: (row: T) => string;
  rowHeader: DataTableColumn<T>;
  columns: DataTableColumn<T>[];
  children: ReactNode;
}

/**
 * A chart as an accessible figure: the title and definition version in the caption, the drawing
 * (hidden from screen readers, who get the table instead) and its data in a `<details>` table.
 */
export function ChartFigure<T>({ title, definitionVersion, caption, rows, rowKey, rowHeader, columns, children }: ChartFigureProps<T>) {
  const titleId = useId();
  return (
    <figure className="chart" data-testid="chart" aria-labelledby={titleId}>
      <figcaption className="chart__caption">
        <span className="chart__title" id={titleId}>
          {title}
        </span>
        <span className="chart__definition">Definition: {definitionVersion}</span>
        {caption ? <span className="chart__note">{caption}</span> : null}
      </figcaption>
      <div className="chart__drawing" aria-hidden="true">
        {children}
      </div>
      <details className="chart__data">
        <summary>Data table: {title}</summary>
        <div className="table-scroll table-scroll--flat" role="region" aria-label={`${title}, data`} tabIndex={0}>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{rowHeader.label}</th>
                {columns.map((column) => (
                  <th scope="col" key={column.label} className={column.numeric === false ? undefined : 'numeric'}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  <th scope="row">{rowHeader.value(row)}</th>
                  {columns.map((column) => (
                    <td key={column.label} className={column.numeric === false ? undefined : 'numeric'}>
                      {column.value(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
