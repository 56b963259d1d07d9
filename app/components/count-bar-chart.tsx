/**
 * A horizontal bar chart of counts with its data table: the table is the accessible reading, the bars are decorative
 * (hidden from assistive technology). Bars are plain boxes, so they print exactly (app/report-print.css) and need no
 * script. Counts only, in the order given (mandate number, section code, form, type…), never sorted by size: no
 * ranking of States. Used by the report on challenges and the yearly summary of initiatives.
 */
export function CountBarChart({
  id,
  title,
  headingLevel,
  countHeading,
  empty,
  rows,
}: {
  id: string;
  title: string;
  headingLevel: 2 | 3;
  countHeading: string;
  /** Said instead of the chart when there is nothing to count. */
  empty: string;
  rows: ReadonlyArray<{ key: string; label: string; n: number }>;
}) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="report-chart" aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
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
