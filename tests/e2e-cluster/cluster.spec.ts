import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { asc, eq } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { messages } from '../../db/schema';
import { e2eDatabase } from '../e2e/database.mjs';
import { expect, test, type Make, type Person, type Room } from '../e2e/fixtures';
import { clusterStateFile, type ClusterState } from './cluster-state';

// Two Minka nodes behind the sticky proxy (tests/e2e-cluster/start-cluster.ts, docs/decisions/032). Every browser
// context is pinned to a node with the proxy's own cookie before its first request, and each test checks that the
// proxy really served it from that node (its `x-served-by` header). The tests run in file order on one worker: the
// last one kills node 0.
test.describe.configure({ mode: 'serial' });

const port = Number(process.env.E2E_PORT);
const NODE_COOKIE = 'minka_node';

function cluster(): ClusterState {
  return JSON.parse(readFileSync(clusterStateFile(port), 'utf8')) as ClusterState;
}

/** A new browser context on `node`, signed in as `person`, in the room, live. */
async function openOn(browser: Browser, make: Make, person: Person, room: Room, node: 0 | 1): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: NODE_COOKIE, value: String(node), url: `http://localhost:${port}` }]);
  const page = await context.newPage();
  await make.logIn(page, person);
  const response = await page.goto(room.url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['x-served-by'], `${person.displayName} should be served by node ${node}`).toBe(
    String(node),
  );
  await expect(page.getByText(/^Live\b/)).toBeVisible();
  return page;
}

/** One message of the list, by its own text. */
const messageWith = (page: Page, text: string) =>
  page
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ has: page.locator('p.body', { hasText: text }) });

/** Sends and waits for the acknowledgement (the composer empties only when the server acknowledged). */
async function send(page: Page, text: string) {
  await page.getByLabel('Your message').fill(text);
  await page.getByLabel('Your message').press('Enter');
  await expect(page.getByLabel('Your message')).toHaveValue('');
  await expect(messageWith(page, text)).toHaveCount(1);
}

/** The line under "Messages": "Live · here now: …". */
const statusLine = (page: Page) => page.locator('section p[aria-live="polite"]').filter({ hasText: /^(Live|Not)/ });

/** Records in the page whether the "Not connected" status ever showed (a reconnect can take less than a poll). */
async function watchDisconnects(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { sawOffline: boolean };
    w.sawOffline = false;
    new MutationObserver(() => {
      if (document.body.textContent?.includes('Not connected:')) w.sawOffline = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const sawOffline = (page: Page) => page.evaluate(() => (window as unknown as { sawOffline: boolean }).sawOffline);

test('the proxy keeps each browser on its node: two people on different nodes chat, see each other present and typing', async ({
  browser,
  make,
}) => {
  const guatemala = await make.person('GT', 'delegate', { name: `Guatemala ${make.tag}` });
  const idb = await make.person('IDB', 'jswg_focal_point', { name: `IDB ${make.tag}` });
  const room = await make.room({ organizations: ['GT', 'IDB'] });
  const onFirst = await openOn(browser, make, guatemala, room, 0);
  const onSecond = await openOn(browser, make, idb, room, 1);

  // A page request stays on its node (the cookie is not replaced).
  expect((await onFirst.reload())?.headers()['x-served-by']).toBe('0');
  await expect(onFirst.getByText(/^Live\b/)).toBeVisible();

  // Presence: each sees both, though their sockets are on different nodes.
  for (const page of [onFirst, onSecond]) {
    await expect(statusLine(page)).toContainText(guatemala.displayName);
    await expect(statusLine(page)).toContainText(idb.displayName);
  }

  // Typing on node 0 shows on node 1, and goes when the message is sent.
  await onFirst.getByLabel('Your message').fill('Hola desde');
  await expect(onSecond.getByText(`${guatemala.displayName} typing…`)).toBeVisible();
  await onFirst.getByLabel('Your message').fill(`Hola desde Guatemala ${make.tag}`);
  await onFirst.getByLabel('Your message').press('Enter');
  await expect(onFirst.getByLabel('Your message')).toHaveValue('');
  await expect(messageWith(onSecond, `Hola desde Guatemala ${make.tag}`)).toHaveCount(1);
  await expect(onSecond.getByText(`${guatemala.displayName} typing…`)).toHaveCount(0);

  // And back from node 1 to node 0.
  await onSecond.getByLabel('Your message').fill('The IDB');
  await expect(onFirst.getByText(`${idb.displayName} typing…`)).toBeVisible();
  await onSecond.getByLabel('Your message').fill('');
  await expect(onFirst.getByText(`${idb.displayName} typing…`)).toHaveCount(0);
  await send(onSecond, `The IDB agrees ${make.tag}`);
  await expect(messageWith(onFirst, `The IDB agrees ${make.tag}`)).toHaveCount(1);

  // Presence follows a person leaving on the other node.
  await onSecond.context().close();
  await expect(statusLine(onFirst)).not.toContainText(idb.displayName);
  await onFirst.context().close();
});

test('a moderator on node 0 mutes a participant on node 1: it takes effect there at once, and lifting it too', async ({
  browser,
  make,
}) => {
  const delegate = await make.person('SV', 'delegate', { name: `El Salvador ${make.tag}` });
  const room = await make.room({ organizations: ['SV'] });
  const moderator = await openOn(browser, make, room.convener, room, 0);
  const participant = await openOn(browser, make, delegate, room, 1);

  await moderator.getByRole('button', { name: `Mute 15 min ${delegate.displayName}` }).click();
  await expect(participant.getByRole('status').filter({ hasText: 'A moderator muted you.' })).toContainText(
    /You can write again at \d\d:\d\d/,
  );
  await expect(participant.getByLabel('Your message')).toBeDisabled();
  await expect(participant.getByRole('button', { name: 'Send' })).toBeDisabled();
  // The mute is the database's, not node 0's memory: a fresh page from node 1 is muted too.
  expect((await participant.reload())?.headers()['x-served-by']).toBe('1');
  await expect(participant.getByLabel('Your message')).toBeDisabled();

  await moderator.getByRole('button', { name: `Lift the mute ${delegate.displayName}` }).click();
  await expect(participant.getByLabel('Your message')).toBeEnabled();
  await send(participant, `Back again ${make.tag}`);
  await expect(messageWith(moderator, `Back again ${make.tag}`)).toHaveCount(1);
  await moderator.context().close();
  await participant.context().close();
});

test('the flood limit (10 messages in 10 s per person) counts across nodes', async ({ browser, make }) => {
  const person = await make.person('HN', 'national_coordinator', { name: `Honduras ${make.tag}` });
  const room = await make.room({ organizations: ['HN'] });
  const tabs = [await openOn(browser, make, person, room, 0), await openOn(browser, make, person, room, 1)];

  // Five through each node: a limit kept per node would allow five more on either.
  const started = Date.now();
  for (let i = 1; i <= 10; i++) await send(tabs[i % 2], `Message ${i} ${make.tag}`);
  const elapsed = Date.now() - started;
  expect(elapsed, 'the ten sends must fit in the limit’s 10-second window for the check to mean anything').toBeLessThan(
    9_000,
  );
  for (const tab of tabs) {
    await tab.getByLabel('Your message').fill(`One too many ${make.tag}`);
    await tab.getByLabel('Your message').press('Enter');
    await expect(tab.getByRole('alert')).toContainText(/sending too fast/i);
    await expect(tab.getByLabel('Your message')).toHaveValue(`One too many ${make.tag}`);
  }
  await expect(messageWith(tabs[0], `One too many ${make.tag}`)).toHaveCount(0);
  for (const tab of tabs) await tab.context().close();
});

test('node 0 is killed: its browser reconnects through the proxy to node 1 and no acknowledged message is lost', async ({
  browser,
  make,
}) => {
  const guatemala = await make.person('GT', 'delegate', { name: `Guatemala ${make.tag}` });
  const idb = await make.person('IDB', 'jswg_focal_point', { name: `IDB ${make.tag}` });
  const room = await make.room({ organizations: ['GT', 'IDB'] });
  const onFirst = await openOn(browser, make, guatemala, room, 0);
  const onSecond = await openOn(browser, make, idb, room, 1);

  await send(onFirst, `a1 ${make.tag}`);
  await send(onFirst, `a2 ${make.tag}`);
  await send(onSecond, `b1 ${make.tag}`);
  await watchDisconnects(onFirst);
  await watchDisconnects(onSecond);

  // A message is on its way from node 0's browser when the node dies (stored or not, its acknowledgement may be
  // lost): the browser resends it with the same client id once it has reconnected, and it is stored once.
  await onFirst.getByLabel('Your message').fill(`a3 in flight ${make.tag}`);
  await onFirst.getByLabel('Your message').press('Enter');
  const node0 = cluster().nodes[0];
  process.kill(node0.pid, 'SIGKILL');

  // Node 1's browser carries on meanwhile.
  await send(onSecond, `b2 during the outage ${make.tag}`);

  // Node 0's browser went offline, came back through the proxy (now to node 1), and its message was acknowledged.
  await expect(onFirst.getByLabel('Your message')).toHaveValue('', { timeout: 40_000 });
  await expect(onFirst.getByText(/^Live\b/)).toBeVisible();
  expect(await sawOffline(onFirst)).toBe(true);
  expect(await sawOffline(onSecond)).toBe(false);
  await send(onFirst, `a4 after ${make.tag}`);

  const all = [`a1 ${make.tag}`, `a2 ${make.tag}`, `b1 ${make.tag}`, `a3 in flight ${make.tag}`];
  all.push(`b2 during the outage ${make.tag}`, `a4 after ${make.tag}`);
  for (const page of [onFirst, onSecond]) for (const text of all) await expect(messageWith(page, text)).toHaveCount(1);

  // A fresh page now comes from node 1 and holds every message once.
  expect((await onFirst.reload())?.headers()['x-served-by']).toBe('1');
  for (const text of all) await expect(messageWith(onFirst, text)).toHaveCount(1);
  await expect(onFirst.getByText(/^Live\b/)).toBeVisible();

  // And the database has each once, numbered without a gap.
  const handle = await createDatabase({ databaseUrl: e2eDatabase(port).url, migrate: false });
  try {
    const stored = await handle.db
      .select({ seq: messages.seq, body: messages.body })
      .from(messages)
      .where(eq(messages.roundtableId, room.id))
      .orderBy(asc(messages.seq));
    expect(stored.map((m) => m.body).sort()).toEqual([...all].sort());
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  } finally {
    await handle.close();
  }
  await onFirst.context().close();
  await onSecond.context().close();
});
