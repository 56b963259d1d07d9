import { useId } from 'react';
import { useT } from '../utils/i18n';

/** A labelled <progress> with its text equivalent ("N of M answers given"); the label may be for screen readers only. */
export function ProgressBar({
  label,
  answered,
  total,
  hideLabel = false,
}: {
  label: string;
  answered: number;
  total: number;
  hideLabel?: boolean;
}) {
  const t = useT();
  const id = useId();
  return (
    <div className="progress-row">
      <span id={`${id}-label`} className={hideLabel ? 'visually-hidden' : 'progress-label'}>
        {label}
      </span>
      <progress
        value={answered}
        max={Math.max(total, 1)}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-text`}
      />
      <span id={`${id}-text`} className="progress-text">
        {t('q.progressText', { answered, total })}
      </span>
    </div>
  );
}
