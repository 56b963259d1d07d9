/**
 * A chart of the yearly summary of initiatives (issue 19), drawn like the report on challenges'
 * (app/components/practice-report-chart.tsx, whose print stylesheet REPORT_PRINT_CSS it shares): horizontal bars of
 * counts as plain boxes that print exactly and need no script, hidden from assistive technology, with the same
 * numbers in a table under them. Counts only, in the order given (sections by code, forms and statuses as defined),
 * never sorted by size: no ranking.
 */
export function InitiativeSummaryChart({
  id,
  title,
  countHeading,
  empty,
  rows,
}: {
  id: string;
  title: string;
  countHeading: string;
  empty: string;
  rows: Array<{ key: string; label: string; n: number }>;
}) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  return (
    <section className="report-chart" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {total === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <>
          <div aria-hidden="true" className="bars">
            {rows.map((r) => (
              <div key={r.key} className="bar-row">
                <span className="bar-label">{r.label}</span>
                <span className="bar" style={{ width: `${(r.n / max) * 70}%` }} />
                <span className="bar-value">{r.n}</span>
              </div>
            ))}
          </div>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">{countHeading}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td>{r.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
