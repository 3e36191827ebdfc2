interface ProgressBarProps {
  /** 0..100 */
  value: number;
  label: string;
  tone?: 'active' | 'done' | 'failed' | 'waiting';
}

export function ProgressBar({ value, label, tone = 'active' }: ProgressBarProps) {
  const clamped = Math.min(100, Math.max(0, Math.round(Number.isFinite(value) ? value : 0)));
  return (
    <div className="progress">
      <div
        className={`progress__track progress__track--${tone}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        aria-valuetext={`${clamped}%`}
      >
        <div className="progress__fill" style={{ width: `${clamped}%` }} />
      </div>
      <span className="progress__value" aria-hidden="true">
        {clamped}%
      </span>
    </div>
  );
}
