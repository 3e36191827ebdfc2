import type { SignalTypeName } from '@undercurrent/contracts';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

export const NONE = '—';

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : integer.format(value);
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : oneDecimal.format(value);
}

export function formatHours(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : `${oneDecimal.format(value)} h`;
}

export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : percent.format(value);
}

export function formatIndex(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : twoDecimals.format(value);
}

/** How a figure is written, by its kind. */
export type FigureKind = 'hours' | 'share' | 'index' | 'number' | 'count';

export function formatFigure(kind: FigureKind, value: number | null | undefined): string {
  switch (kind) {
    case 'hours':
      return formatHours(value);
    case 'share':
      return formatShare(value);
    case 'index':
      return formatIndex(value);
    case 'count':
      return formatCount(value);
    default:
      return formatNumber(value);
  }
}

/** A change with its sign: `+1.5 h`, `−12 pts` (shares change in percentage points), `±0`. */
export function formatChange(kind: FigureKind, change: number | null): string {
  if (change === null) return NONE;
  if (change === 0) return '±0';
  const sign = change > 0 ? '+' : '−';
  const size = Math.abs(change);
  switch (kind) {
    case 'hours':
      return `${sign}${oneDecimal.format(size)} h`;
    case 'share':
      return `${sign}${oneDecimal.format(size * 100)} pts`;
    case 'index':
      return `${sign}${twoDecimals.format(size)}`;
    default:
      return `${sign}${oneDecimal.format(size)}`;
  }
}

export const SIGNAL_TYPE_LABELS: Record<SignalTypeName, string> = {
  bottleneck_lead: 'Bottleneck lead',
  rewriting_lead: 'Rewriting lead',
  silent_member: 'Silent member',
};

export const SIGNAL_TYPE_DESCRIPTIONS: Record<SignalTypeName, string> = {
  bottleneck_lead: 'Most pull requests wait on one reviewer, who answers slowly or has many requests open.',
  rewriting_lead: 'A lead takes delegated work back: takeovers, rewrites after merge, dictated changes.',
  silent_member: 'Someone who used to take part has gone quiet, measured against their own history.',
};

/** `medianResponseHours` -> `median response hours`: keys from the server in camelCase. */
export function humanizeKey(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** A threshold or value of any JSON shape, in words. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'number') return Number.isInteger(value) ? integer.format(value) : twoDecimals.format(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

const DEFINITION_NAMES: Record<string, string> = {
  timeToFirstReview: 'time to first review',
  reviewerResponse: 'reviewer response time',
  reviewLoad: 'review load and concentration',
  rewriteFrequency: 'rewrite frequency',
  participation: 'participation and baseline',
};

/** A metric definition version, in words: `timeToFirstReview` + 1 -> `time to first review v1`. */
export function definitionText(definitions: Record<string, number> | undefined, ...names: string[]): string {
  return names
    .map((name) => {
      const version = definitions?.[name];
      const words = DEFINITION_NAMES[name] ?? humanizeKey(name);
      return version === undefined ? words : `${words} v${version}`;
    })
    .join('; ');
}

/** An axis tick of a share (0..1) as a whole percentage. */
export const percentTick = (value: number): string => `${Math.round(value * 100)}%`;
