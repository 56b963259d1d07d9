import { useId } from 'react';
import { useT } from '../utils/i18n';

export interface ChartBar {
  label: string;
  n: number;
}

/**
 * A horizontal bar chart of counts, for readers who would rather look than read: a plain SVG with a title and a
 * description for screen readers, and the same numbers in a table right under it (the alternative, not hidden).
 * Bars are in the order given (a fixed order such as the statuses' or the sections'), never sorted by size: these
 * are counts of cooperation, not a ranking.
 */
export function InitiativeChart({
  title,
  bars,
  labelHeading,
}: {
  title: string;
  bars: ChartBar[];
  labelHeading: string;
}) {
  const t = useT();
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.n));
  const row = 28;
  const labelWidth = 170;
  const barWidth = 260;
  const height = Math.max(row, bars.length * row);
  const description = bars.map((b) => `${b.label}: ${b.n}`).join('; ');
  return (
    <figure className="initiative-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${labelWidth + barWidth + 50} ${height}`}
        width="100%"
        style={{ maxWidth: 520 }}
      >
        <desc id={`${id}-desc`}>{description || t('ini.chart.empty')}</desc>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * row})`}>
            <text x={labelWidth - 8} y={row / 2 + 5} textAnchor="end" fontSize="13" fill="currentColor">
              {b.label}
            </text>
            <rect x={labelWidth} y={5} width={(b.n / max) * barWidth} height={row - 10} fill="#1d5e8c" />
            <text x={labelWidth + (b.n / max) * barWidth + 6} y={row / 2 + 5} fontSize="13" fill="currentColor">
              {b.n}
            </text>
          </g>
        ))}
      </svg>
      <table className="chart-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col">{t('ini.chart.count')}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
