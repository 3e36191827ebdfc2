/** Chart colours: distinguishable, with enough contrast on white; series also differ by dash and label. */
export const CHART_COLORS = {
  teal: '#0f6b66',
  blue: '#1f5fae',
  orange: '#b4541b',
  purple: '#6b4fa8',
  grey: '#5a6676',
  band: '#cfe7e4',
  shade: '#e9ddf7',
} as const;
