import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, logIn, openDemoRoom } from './helpers';

async function openRoom(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, email);
  await openDemoRoom(page);
  await expect(page.getByText(/^Live\b/)).toBeVisible();
  return page;
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
}) => {
  const peru = await openRoom(browser, demo.coordinatorPE);
  const secretariat = await openRoom(browser, demo.admin);
  const stamp = Date.now();

  const draft = `Draft proposal ${stamp}`;
  await send(peru, draft);
  await expect(messageWith(secretariat, draft)).toBeVisible();

  // The Secretariat (a moderator) replies: the composer says to what, and both sides see the reply's quote.
  await messageWith(secretariat, draft).getByRole('button', { name: 'Reply' }).click();
  await expect(secretariat.getByText(`Replying to National Coordinator PE: “${draft}”`)).toBeVisible();
  await expect(secretariat.getByLabel('Your message')).toBeFocused();
  const reply = `Thank you, Peru ${stamp}`;
  await send(secretariat, reply);
  await expect(secretariat.getByText(/^Replying to/)).toHaveCount(0);
  await expect(messageWith(peru, reply)).toContainText(`in reply to National Coordinator PE: “${draft}”`);

  // A participant may change only their own recent messages, and pins nothing.
  await expect(messageWith(peru, reply).getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(messageWith(peru, reply).getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(peru.getByRole('button', { name: 'Pin' })).toHaveCount(0);

  // Peru edits its message with the keyboard: the Secretariat sees the new text, marked as edited.
  await messageWith(peru, draft).getByRole('button', { name: 'Edit' }).click();
  const editor = peru.getByLabel('New text of your message');
  await expect(editor).toBeFocused();
  const final = `Final proposal ${stamp}`;
  await editor.fill(final);
  await editor.press('Enter');
  await expect(messageWith(secretariat, final)).toContainText('(edited)');
  await expect(messageWith(secretariat, draft)).toHaveCount(0);
  // The reply's quote follows the edit.
  await expect(messageWith(secretariat, reply)).toContainText(`in reply to National Coordinator PE: “${final}”`);

  // The moderator pins the reply: Peru sees the badge and the pinned list.
  await messageWith(secretariat, reply).getByRole('button', { name: 'Pin' }).click();
  await expect(messageWith(secretariat, reply).getByRole('button', { name: 'Unpin' })).toBeVisible();
  await expect(messageWith(peru, reply)).toContainText('pinned');
  await expect(peru.locator('details', { hasText: 'Pinned messages' })).toContainText(reply);

  // Peru deletes its message after confirming; Cancel first keeps it.
  await messageWith(peru, final).getByRole('button', { name: 'Delete' }).click();
  await peru.getByRole('button', { name: 'Cancel' }).click();
  await expect(messageWith(peru, final)).toBeVisible();
  await messageWith(peru, final).getByRole('button', { name: 'Delete' }).click();
  await peru.getByRole('button', { name: 'Delete it' }).click();
  await expect(messageWith(peru, final)).toHaveCount(0);
  await expect(messageWith(secretariat, final)).toHaveCount(0);
  await expect(messageWith(secretariat, reply)).not.toContainText(final);

  await peru.context().close();
  await secretariat.context().close();
});

test('a moderator hides a message with a reason everyone reads, and cannot rewrite it (issue 15)', async ({
  browser,
}) => {
  const peru = await openRoom(browser, demo.coordinatorPE);
  const secretariat = await openRoom(browser, demo.admin);
  const words = `My phone is 999 000 111 (${Date.now()})`;
  await send(peru, words);
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
  for (const page of [peru, secretariat]) {
    await expect(page.locator(`#message-${id}`)).toContainText('Hidden by Ana Secretariat (admin): Personal data');
    await expect(page.getByText(words)).toHaveCount(0);
  }
  // The author cannot bring it back by editing.
  await expect(peru.locator(`#message-${id}`).getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await peru.reload();
  await expect(peru.locator(`#message-${id}`)).toContainText('Hidden by Ana Secretariat (admin): Personal data');
  await expect(peru.getByText(words)).toHaveCount(0);
  await peru.context().close();
  await secretariat.context().close();
});

test('a muted participant is told at once until when, cannot write, share or raise a hand, and is back when the mute is lifted (issue 15)', async ({
  browser,
}) => {
  const colombia = await openRoom(browser, demo.delegateCO);
  const secretariat = await openRoom(browser, demo.admin);
  await secretariat.getByRole('button', { name: 'Mute 15 min Delegate CO' }).click();
  // Without reloading, Colombia reads the notice with the end time; the composer, Send, the hand and sharing are off.
  await expect(colombia.getByRole('status').filter({ hasText: 'A moderator muted you.' })).toContainText(
    /You can write again at \d\d:\d\d/,
  );
  await expect(colombia.getByLabel('Your message')).toBeDisabled();
  await expect(colombia.getByRole('button', { name: 'Send' })).toBeDisabled();
  await expect(colombia.getByRole('button', { name: 'Raise hand' })).toBeDisabled();
  await expect(
    colombia.getByText('You are muted: you can share links and files again when the mute ends.'),
  ).toBeVisible();
  await expect(colombia.getByRole('button', { name: 'Share', exact: true })).toHaveCount(0);
  await secretariat.getByRole('button', { name: 'Lift the mute Delegate CO' }).click();
  await expect(colombia.getByLabel('Your message')).toBeEnabled();
  await expect(colombia.getByText('A moderator muted you.')).toHaveCount(0);
  await send(colombia, `Back again ${Date.now()}`);
  await colombia.context().close();
  await secretariat.context().close();
});

test('a member searches the room’s history and jumps to the message (issue 15)', async ({ browser }) => {
  const peru = await openRoom(browser, demo.coordinatorPE);
  const word = `calendar${Date.now().toString(36)}`;
  await send(peru, `The ${word} of trainings is ready`);
  const search = peru.getByRole('search', { name: 'Search this room' });
  await search.getByLabel('Words to find in the messages').fill(word);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(peru.getByRole('status').filter({ hasText: `1 message(s) with “${word}”` })).toBeVisible();
  await expect(peru.locator('.search-results li')).toContainText(`The ${word} of trainings is ready`);
  await peru.context().close();
});

test('a participant raises a hand, the moderator sees it and lowers it', async ({ browser }) => {
  const peru = await openRoom(browser, demo.coordinatorPE);
  const secretariat = await openRoom(browser, demo.admin);

  await peru.getByRole('button', { name: 'Raise hand' }).click();
  await expect(peru.getByRole('button', { name: 'Lower hand' })).toBeVisible();
  await expect(peru.getByRole('button', { name: 'Raise hand' })).toHaveCount(0);
  await expect(secretariat.getByText('Hands raised: National Coordinator PE')).toBeVisible();
  // Only moderators lower someone else's hand.
  await expect(peru.getByRole('button', { name: /Lower the hand of/ })).toHaveCount(0);

  await secretariat.getByRole('button', { name: 'Lower the hand of National Coordinator PE' }).click();
  await expect(peru.getByRole('button', { name: 'Raise hand' })).toBeVisible();
  await expect(peru.getByRole('button', { name: 'Lower hand' })).toHaveCount(0);
  await expect(secretariat.getByText(/Hands raised/)).toHaveCount(0);

  await peru.context().close();
  await secretariat.context().close();
});

test('the moderator moves an agenda item down and back up; a participant sees the order change live', async ({
  browser,
}) => {
  const peru = await openRoom(browser, demo.coordinatorPE);
  const secretariat = await openRoom(browser, demo.admin);
  const agendaOf = (page: Page) => page.locator('#agenda-list .agenda-title');
  const [first, second] = await agendaOf(secretariat).allInnerTexts();
  expect(first).not.toBe(second);

  // Participants get no buttons to move items.
  await expect(peru.getByRole('button', { name: /^Move (up|down):/ })).toHaveCount(0);
  await expect(secretariat.getByRole('button', { name: `Move up: ${first}` })).toBeDisabled();

  await secretariat.getByRole('button', { name: `Move down: ${first}` }).click();
  await expect(agendaOf(secretariat).first()).toHaveText(second);
  await expect(agendaOf(peru).first()).toHaveText(second);
  await expect(agendaOf(peru).nth(1)).toHaveText(first);

  await secretariat.getByRole('button', { name: `Move up: ${first}` }).click();
  await expect(agendaOf(peru).first()).toHaveText(first);

  await peru.context().close();
  await secretariat.context().close();
});

test('without JavaScript, the moderator still moves agenda items with the plain forms', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await logIn(page, demo.admin);
  await openDemoRoom(page);
  const titles = page.locator('#agenda-list .agenda-title');
  const [first, second] = await titles.allInnerTexts();
  await page.getByRole('button', { name: `Move down: ${first}` }).click();
  await expect(titles.first()).toHaveText(second);
  await expect(titles.nth(1)).toHaveText(first);
  await page.getByRole('button', { name: `Move up: ${first}` }).click();
  await expect(titles.first()).toHaveText(first);
  await context.close();
});
