import { useT } from '../utils/i18n';

/**
 * A horizontal bar chart of counts with its data table (the table is the accessible reading; the bars are
 * decorative). Bars are plain boxes, so they print exactly and need no script. Counts only: never a ranking of
 * States, and the order is the keys' (mandate number, section code, type), not the counts'.
 */
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
  const max = Math.max(1, ...rows.map((r) => r.answers));
  const id = `chart-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="report-chart" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('ch.none')}</p>
      ) : (
        <>
          <div aria-hidden="true" className="bars">
            {rows.map((r) => (
              <div key={r.key} className="bar-row">
                <span className="bar-label">{label(r.key)}</span>
                <span className="bar" style={{ width: `${(r.answers / max) * 70}%` }} />
                <span className="bar-value">{r.answers}</span>
              </div>
            ))}
          </div>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">{t('ch.count')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{label(r.key)}</th>
                  <td>{r.answers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
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
