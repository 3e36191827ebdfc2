import type { ReactNode } from 'react';
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { NONE } from '../../lib/format';
import { ChartFigure } from './ChartFigure';
import { CHART_COLORS } from './palette';

type Row = object;

/** One series: a line, a bar (optionally stacked) or a filled area of a numeric field. */
export interface ChartSeries<T extends Row> {
  label: string;
  value: (row: T) => number | null;
  kind?: 'line' | 'bar';
  color: string;
  dashed?: boolean;
  stackId?: string;
  /** How this series' values are written (else the chart's `format`). */
  format?: (value: number | null) => string;
}

/** A band between two values (drawn as a shaded range), e.g. a person's usual range. */
export interface ChartBand<T extends Row> {
  label: string;
  low: (row: T) => number | null;
  high: (row: T) => number | null;
  color?: string;
}

/** Shaded stretches of the x axis (inclusive), e.g. weeks on leave. */
export interface ChartShade {
  from: string;
  to: string;
  label: string;
}

interface SeriesChartProps<T extends Row> {
  title: string;
  definitionVersion: string;
  caption?: ReactNode;
  data: T[];
  /** The x value of a row (a week or a quarter label); unique per row. */
  x: (row: T) => string;
  xLabel: string;
  formatX?: (x: string) => string;
  series: ChartSeries<T>[];
  band?: ChartBand<T>;
  shades?: ChartShade[];
  format: (value: number | null) => string;
  /** Axis tick text (shorter than `format` when that adds units). */
  formatTick?: (value: number) => string;
  yDomain?: [number | 'auto', number | 'auto'];
  height?: number;
}

interface Point {
  x: string;
  band?: [number, number] | null;
  [series: string]: unknown;
}

/**
 * Lines and bars over weeks or quarters, drawn with recharts once for every page. Renders an
 * accessible figure with its data table (see ChartFigure).
 */
export function SeriesChart<T extends Row>({
  title,
  definitionVersion,
  caption,
  data,
  x,
  xLabel,
  formatX = (value) => value,
  series,
  band,
  shades = [],
  format,
  formatTick,
  yDomain = [0, 'auto'],
  height = 240,
}: SeriesChartProps<T>) {
  const points: Point[] = data.map((row) => {
    const point: Point = { x: x(row) };
    series.forEach((s, index) => {
      point[`s${index}`] = s.value(row);
    });
    if (band) {
      const low = band.low(row);
      const high = band.high(row);
      point.band = low === null || high === null ? null : [low, high];
    }
    return point;
  });
  const hasBars = series.some((s) => s.kind === 'bar');
  const formatOf = (name: unknown) => series.find((s) => s.label === name)?.format ?? format;
  const tooltipFormatter = (value: unknown, name: unknown) => {
    const write = formatOf(name);
    return Array.isArray(value)
      ? value.map((v) => write(typeof v === 'number' ? v : null)).join(' – ')
      : write(typeof value === 'number' ? value : null);
  };

  return (
    <ChartFigure
      title={title}
      definitionVersion={definitionVersion}
      caption={caption}
      rows={data}
      rowKey={x}
      rowHeader={{ label: xLabel, value: (row) => x(row) }}
      columns={[
        ...series.map((s) => ({ label: s.label, value: (row: T) => (s.format ?? format)(s.value(row)) })),
        ...(band
          ? [
              {
                label: band.label,
                value: (row: T) => {
                  const low = band.low(row);
                  const high = band.high(row);
                  return low === null || high === null ? NONE : `${format(low)} – ${format(high)}`;
                },
              },
            ]
          : []),
        ...(shades.length > 0
          ? [{ label: 'Note', numeric: false, value: (row: T) => shades.find((s) => inRange(x(row), s))?.label ?? '' }]
          : []),
      ]}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e3e7ec" vertical={false} />
          <XAxis dataKey="x" tickFormatter={formatX} tick={{ fontSize: 12 }} minTickGap={8} scale={hasBars || shades.length > 0 ? 'band' : undefined} />
          <YAxis
            tick={{ fontSize: 12 }}
            width={48}
            domain={yDomain}
            allowDecimals
            tickFormatter={(value: number) => (formatTick ? formatTick(value) : String(value))}
          />
          <Tooltip formatter={tooltipFormatter} labelFormatter={(label) => String(label)} />
          <Legend wrapperStyle={{ fontSize: 13 }} formatter={(value) => <span className="chart__legend">{String(value)}</span>} />
          {shades.map((shade) => (
            <ReferenceArea key={`${shade.from}-${shade.to}`} x1={shade.from} x2={shade.to} fill={CHART_COLORS.shade} fillOpacity={0.8} ifOverflow="extendDomain" />
          ))}
          {band ? (
            <Area
              dataKey="band"
              name={band.label}
              type="linear"
              stroke="none"
              fill={band.color ?? CHART_COLORS.band}
              fillOpacity={0.7}
              connectNulls={false}
              isAnimationActive={false}
              activeDot={false}
            />
          ) : null}
          {series.map((s, index) =>
            s.kind === 'bar' ? (
              <Bar key={s.label} dataKey={`s${index}`} name={s.label} fill={s.color} stackId={s.stackId} isAnimationActive={false} maxBarSize={36} />
            ) : (
              <Line
                key={s.label}
                dataKey={`s${index}`}
                name={s.label}
                type="linear"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                dot={{ r: 3 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

function inRange(value: string, shade: ChartShade): boolean {
  return value >= shade.from && value <= shade.to;
}
