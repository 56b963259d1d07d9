import { useT } from '../utils/i18n';
import { CountBarChart } from './count-bar-chart';

/** A chart of the report on challenges: counts of answers per key, labelled in the reader's language. */
export function PracticeReportChart({
  title,
  rows,
  label,
}: {
  title: string;
  rows: Array<{ key: string; answers: number }>;
  label: (key: string) => string;
}) {
  const t = useT();
  return (
    <CountBarChart
      id={`chart-${title.replace(/\W+/g, '-').toLowerCase()}`}
      title={title}
      headingLevel={2}
      countHeading={t('ch.count')}
      empty={t('ch.none')}
      rows={rows.map((r) => ({ key: r.key, label: label(r.key), n: r.answers }))}
    />
  );
}

/** Print layout for the report: A4 and Letter both fit 15 mm margins; navigation and forms are not printed. */
export const REPORT_PRINT_CSS = `
.bar-row { display: flex; align-items: center; gap: 0.5rem; margin: 0.15rem 0; }
.bar-label { flex: 0 0 12rem; }
.bar { display: inline-block; height: 0.9rem; background: #1f5f8b; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@page { margin: 15mm; }
@media print {
  header, nav, footer, form, .no-print, .skip-link { display: none !important; }
  body { font-size: 10.5pt; color: #000; background: #fff; }
  main, article { max-width: none; margin: 0; padding: 0; }
  a { color: #000; text-decoration: none; }
  h1, h2 { break-after: avoid; }
  table, .report-chart, li { break-inside: avoid; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: left; }
}
`;
