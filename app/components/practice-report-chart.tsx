import type { LinksFunction } from '@remix-run/node';
import reportPrintUrl from '../report-print.css?url';
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

/**
 * The reports' stylesheet (app/report-print.css: the bars and the print layout), for the `links` of the routes that
 * show a report. A linked file, not a <style> element, which the Content-Security-Policy refuses (decision 037).
 */
export const reportPrintLinks: LinksFunction = () => [{ rel: 'stylesheet', href: reportPrintUrl }];
