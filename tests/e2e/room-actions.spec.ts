import type { Browser, Page } from '@playwright/test';
import { expect, test, type Make, type Person, type Room } from './fixtures';

// Each test convenes its own room (a State's people and a Secretariat moderator made for it, tests/e2e/fixtures.ts),
// so its messages, mutes, hands and agenda meet no other spec's.

async function openRoom(browser: Browser, make: Make, person: Person, room: Room): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await make.logIn(page, person);
  await page.goto(room.url);
  await expect(page.getByText(/^Live\b/)).toBeVisible();
  return page;
}

/** A room for a State (one person) with an agenda; `state` and `secretariat` (its moderator) open it. */
async function roomFor(make: Make, stateCode: string, options: { agenda?: string[]; second?: boolean } = {}) {
  const state = await make.person(stateCode, 'national_coordinator', { name: `Coordinator ${make.tag}` });
  const second = options.second ? await make.person(stateCode, 'delegate', { name: `Delegate ${make.tag}` }) : null;
  const room = await make.room({ organizations: [stateCode], agenda: options.agenda });
  return { state, second, room, secretariat: room.convener };
}

/** One message of the list, by its own text (not a reply's quote of it). */
const messageWith = (page: Page, text: string) =>
  page
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ has: page.locator('p.body', { hasText: text }) });

async function send(page: Page, text: string) {
  await page.getByLabel('Your message').fill(text);
  await page.getByLabel('Your message').press('Enter');
  await expect(page.getByLabel('Your message')).toHaveValue('');
  await expect(messageWith(page, text)).toBeVisible();
}

test('reply, edit, pin and delete a message; both sides see each change live, and nobody gets buttons that are not theirs', async ({
  browser,
  make,
}) => {
  const setup = await roomFor(make, 'GT');
  const statePage = await openRoom(browser, make, setup.state, setup.room);
  const secretariat = await openRoom(browser, make, setup.secretariat, setup.room);
  const stamp = Date.now();

  const draft = `Draft proposal ${stamp}`;
  await send(statePage, draft);
  await expect(messageWith(secretariat, draft)).toBeVisible();

  // The Secretariat (a moderator) replies: the composer says to what, and both sides see the reply's quote.
  await messageWith(secretariat, draft).getByRole('button', { name: 'Reply' }).click();
  await expect(secretariat.getByText(`Replying to ${setup.state.displayName}: “${draft}”`)).toBeVisible();
  await expect(secretariat.getByLabel('Your message')).toBeFocused();
  const reply = `Thank you ${stamp}`;
  await send(secretariat, reply);
  await expect(secretariat.getByText(/^Replying to/)).toHaveCount(0);
  await expect(messageWith(statePage, reply)).toContainText(`in reply to ${setup.state.displayName}: “${draft}”`);

  // A participant may change only their own recent messages, and pins nothing.
  await expect(messageWith(statePage, reply).getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(messageWith(statePage, reply).getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(statePage.getByRole('button', { name: 'Pin' })).toHaveCount(0);

  // The State edits its message with the keyboard: the Secretariat sees the new text, marked as edited.
  await messageWith(statePage, draft).getByRole('button', { name: 'Edit' }).click();
  const editor = statePage.getByLabel('New text of your message');
  await expect(editor).toBeFocused();
  const final = `Final proposal ${stamp}`;
  await editor.fill(final);
  await editor.press('Enter');
  await expect(messageWith(secretariat, final)).toContainText('(edited)');
  await expect(messageWith(secretariat, draft)).toHaveCount(0);
  // The reply's quote follows the edit.
  await expect(messageWith(secretariat, reply)).toContainText(`in reply to ${setup.state.displayName}: “${final}”`);

  // The moderator pins the reply: the State sees the badge and the pinned list.
  await messageWith(secretariat, reply).getByRole('button', { name: 'Pin' }).click();
  await expect(messageWith(secretariat, reply).getByRole('button', { name: 'Unpin' })).toBeVisible();
  await expect(messageWith(statePage, reply)).toContainText('pinned');
  await expect(statePage.locator('details', { hasText: 'Pinned messages' })).toContainText(reply);

  // The State deletes its message after confirming; Cancel first keeps it.
  await messageWith(statePage, final).getByRole('button', { name: 'Delete' }).click();
  await statePage.getByRole('button', { name: 'Cancel' }).click();
  await expect(messageWith(statePage, final)).toBeVisible();
  await messageWith(statePage, final).getByRole('button', { name: 'Delete' }).click();
  await statePage.getByRole('button', { name: 'Delete it' }).click();
  await expect(messageWith(statePage, final)).toHaveCount(0);
  await expect(messageWith(secretariat, final)).toHaveCount(0);
  await expect(messageWith(secretariat, reply)).not.toContainText(final);

  await statePage.context().close();
  await secretariat.context().close();
});

test('a moderator hides a message with a reason everyone reads, and cannot rewrite it (issue 15)', async ({
  browser,
  make,
}) => {
  const setup = await roomFor(make, 'SV');
  const statePage = await openRoom(browser, make, setup.state, setup.room);
  const secretariat = await openRoom(browser, make, setup.secretariat, setup.room);
  const words = `My phone is 999 000 111 (${Date.now()})`;
  await send(statePage, words);
  // The moderator's own buttons on someone else's message: no Edit, no Delete; Hide.
  await expect(messageWith(secretariat, words).getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(messageWith(secretariat, words).getByRole('button', { name: 'Delete' })).toHaveCount(0);
  const item = secretariat.getByRole('listitem').filter({ has: secretariat.locator('p.body', { hasText: words }) });
  const id = await item.getAttribute('data-message-id');
  await item.getByRole('button', { name: 'Hide' }).click();
  const reason = secretariat.getByLabel('Why do you hide this message? The room reads it.');
  await expect(reason).toBeFocused();
  await reason.fill('Personal data');
  await secretariat.getByRole('button', { name: 'Hide the message' }).click();
  for (const page of [statePage, secretariat]) {
    await expect(page.locator(`#message-${id}`)).toContainText(
      `Hidden by ${setup.secretariat.displayName}: Personal data`,
    );
    await expect(page.getByText(words)).toHaveCount(0);
  }
  // The author cannot bring it back by editing.
  await expect(statePage.locator(`#message-${id}`).getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await statePage.reload();
  await expect(statePage.locator(`#message-${id}`)).toContainText(
    `Hidden by ${setup.secretariat.displayName}: Personal data`,
  );
  await expect(statePage.getByText(words)).toHaveCount(0);
  await statePage.context().close();
  await secretariat.context().close();
});

test('a muted participant is told at once until when, cannot write, share or raise a hand, and is back when the mute is lifted (issue 15)', async ({
  browser,
  make,
}) => {
  const setup = await roomFor(make, 'HN', { second: true });
  const delegatePage = await openRoom(browser, make, setup.second!, setup.room);
  const secretariat = await openRoom(browser, make, setup.secretariat, setup.room);
  await secretariat.getByRole('button', { name: `Mute 15 min ${setup.second!.displayName}` }).click();
  // Without reloading, Colombia reads the notice with the end time; the composer, Send, the hand and sharing are off.
  await expect(delegatePage.getByRole('status').filter({ hasText: 'A moderator muted you.' })).toContainText(
    /You can write again at \d\d:\d\d/,
  );
  await expect(delegatePage.getByLabel('Your message')).toBeDisabled();
  await expect(delegatePage.getByRole('button', { name: 'Send' })).toBeDisabled();
  await expect(delegatePage.getByRole('button', { name: 'Raise hand' })).toBeDisabled();
  await expect(
    delegatePage.getByText('You are muted: you can share links and files again when the mute ends.'),
  ).toBeVisible();
  await expect(delegatePage.getByRole('button', { name: 'Share', exact: true })).toHaveCount(0);
  await secretariat.getByRole('button', { name: `Lift the mute ${setup.second!.displayName}` }).click();
  await expect(delegatePage.getByLabel('Your message')).toBeEnabled();
  await expect(delegatePage.getByText('A moderator muted you.')).toHaveCount(0);
  await send(delegatePage, `Back again ${Date.now()}`);
  await delegatePage.context().close();
  await secretariat.context().close();
});

test('a member searches the room’s history and jumps to the message (issue 15)', async ({ browser, make }) => {
  const setup = await roomFor(make, 'NI');
  const statePage = await openRoom(browser, make, setup.state, setup.room);
  const word = `calendar${Date.now().toString(36)}`;
  await send(statePage, `The ${word} of trainings is ready`);
  const search = statePage.getByRole('search', { name: 'Search this room' });
  await search.getByLabel('Words to find in the messages').fill(word);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(statePage.getByRole('status').filter({ hasText: `1 message(s) with “${word}”` })).toBeVisible();
  await expect(statePage.locator('.search-results li')).toContainText(`The ${word} of trainings is ready`);
  await statePage.context().close();
});

test('a participant raises a hand, the moderator sees it and lowers it', async ({ browser, make }) => {
  const setup = await roomFor(make, 'PA');
  const statePage = await openRoom(browser, make, setup.state, setup.room);
  const secretariat = await openRoom(browser, make, setup.secretariat, setup.room);

  await statePage.getByRole('button', { name: 'Raise hand' }).click();
  await expect(statePage.getByRole('button', { name: 'Lower hand' })).toBeVisible();
  await expect(statePage.getByRole('button', { name: 'Raise hand' })).toHaveCount(0);
  await expect(secretariat.getByText(`Hands raised: ${setup.state.displayName}`)).toBeVisible();
  // Only moderators lower someone else's hand.
  await expect(statePage.getByRole('button', { name: /Lower the hand of/ })).toHaveCount(0);

  await secretariat.getByRole('button', { name: `Lower the hand of ${setup.state.displayName}` }).click();
  await expect(statePage.getByRole('button', { name: 'Raise hand' })).toBeVisible();
  await expect(statePage.getByRole('button', { name: 'Lower hand' })).toHaveCount(0);
  await expect(secretariat.getByText(/Hands raised/)).toHaveCount(0);

  await statePage.context().close();
  await secretariat.context().close();
});

test('the moderator moves an agenda item down and back up; a participant sees the order change live', async ({
  browser,
  make,
}) => {
  const setup = await roomFor(make, 'CR', { agenda: ['Welcome and introductions', 'Training calendar'] });
  const statePage = await openRoom(browser, make, setup.state, setup.room);
  const secretariat = await openRoom(browser, make, setup.secretariat, setup.room);
  const agendaOf = (page: Page) => page.locator('#agenda-list .agenda-title');
  const [first, second] = await agendaOf(secretariat).allInnerTexts();
  expect(first).not.toBe(second);

  // Participants get no buttons to move items.
  await expect(statePage.getByRole('button', { name: /^Move (up|down):/ })).toHaveCount(0);
  await expect(secretariat.getByRole('button', { name: `Move up: ${first}` })).toBeDisabled();

  await secretariat.getByRole('button', { name: `Move down: ${first}` }).click();
  await expect(agendaOf(secretariat).first()).toHaveText(second);
  await expect(agendaOf(statePage).first()).toHaveText(second);
  await expect(agendaOf(statePage).nth(1)).toHaveText(first);

  await secretariat.getByRole('button', { name: `Move up: ${first}` }).click();
  await expect(agendaOf(statePage).first()).toHaveText(first);

  await statePage.context().close();
  await secretariat.context().close();
});

test('without JavaScript, the moderator still moves agenda items with the plain forms', async ({ browser, make }) => {
  const setup = await roomFor(make, 'DO', { agenda: ['Welcome and introductions', 'Training calendar'] });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await make.logIn(page, setup.secretariat);
  await page.goto(setup.room.url);
  const titles = page.locator('#agenda-list .agenda-title');
  const [first, second] = await titles.allInnerTexts();
  await page.getByRole('button', { name: `Move down: ${first}` }).click();
  await expect(titles.first()).toHaveText(second);
  await expect(titles.nth(1)).toHaveText(first);
  await page.getByRole('button', { name: `Move up: ${first}` }).click();
  await expect(titles.first()).toHaveText(first);
  await context.close();
});
