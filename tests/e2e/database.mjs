// The end-to-end run's own PostgreSQL database. The server under test and the Playwright workers (tests/e2e/fixtures.ts)
// must reach the same data, and embedded PGlite is one connection in one process (docs/decisions/029), so the e2e
// run uses a database of its own on a PostgreSQL server: created empty when the server starts, dropped when it stops.
// E2E_POSTGRES_URL names the server (any existing database on it, used to create and drop ours); the default is the
// local one this project's machines and CI run (TECH_NOTES.md). The name is derived from the port, so the config, the
// starter and every worker agree on it without passing state around, and two runs on two ports never meet.

/** @param {string | number} port */
export function e2eDatabase(port) {
  const server = new URL(process.env.E2E_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `minka_e2e_${port}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { serverUrl: server.toString(), name, url: url.toString() };
}
