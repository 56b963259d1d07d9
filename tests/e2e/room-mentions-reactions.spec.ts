import type { Browser, Page } from '@playwright/test';
import { expect, test, type Make, type Person, type Room } from './fixtures';

// Issue 15 item 11 in Chromium: one person mentions another, who finds the notice and follows it to the message; a
// reaction appears live for both; the composer's @-autocomplete, the live notice on another page, and reactions
// without JavaScript. The room and its two people (Dominica's coordinator, a delegate of the United
// States) are the test's own, so no demo account is notified and the demo room keeps its messages.

async function openRoom(browser: Browser, make: Make, person: Person, room: Room): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await make.logIn(page, person);
  await page.goto(room.url);
  await expect(page.getByText(/^Live\b/)).toBeVisible();
  return page;
}

/** One message of the list, by its own text. */
const messageWith = (page: Page, text: string) =>
  page
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ has: page.locator('p.body', { hasText: text }) });

test('an @mention notifies the person named; a reaction appears live for both, with its accessible name', async ({
  browser,
  make,
}) => {
  const authorPerson = await make.person('DM', 'national_coordinator', { name: `Coordinator DM ${make.tag}` });
  const namedPerson = await make.person('US', 'delegate', { name: `Delegate US ${make.tag}` });
  const room = await make.room({ organizations: ['DM', 'US'] });
  const author = await openRoom(browser, make, authorPerson, room);
  const named = await openRoom(browser, make, namedPerson, room);
  const roomPath = room.url;
  const text = `@${namedPerson.displayName} could you confirm the dates? ${Date.now()}`;

  await author.getByLabel('Your message').fill(text);
  await author.getByLabel('Your message').press('Enter');
  await expect(author.getByLabel('Your message')).toHaveValue('');
  const inNamed = messageWith(named, text);
  await expect(inNamed).toBeVisible();
  const messageId = await inNamed.getAttribute('data-message-id');

  // A reaction from the person named reaches the author live; its button says what it is and how many gave it.
  await inNamed.getByRole('button', { name: 'Agree: 0' }).click();
  await expect(inNamed.getByRole('button', { name: 'Agree: 1' })).toHaveAttribute('aria-pressed', 'true');
  const inAuthor = messageWith(author, text);
  await expect(inAuthor.getByRole('button', { name: 'Agree: 1' })).toHaveAttribute('aria-pressed', 'false');
  // The author adds theirs with the keyboard; both see two.
  await inAuthor.getByRole('button', { name: 'Agree: 1' }).focus();
  await author.keyboard.press('Enter');
  await expect(inAuthor.getByRole('button', { name: 'Agree: 2' })).toHaveAttribute('aria-pressed', 'true');
  await expect(inNamed.getByRole('button', { name: 'Agree: 2' })).toBeVisible();

  // The person named finds the notice and follows it to the message.
  await named.goto('/notifications');
  const notice = named.locator(`a[href="${roomPath}#message-${messageId}"]`);
  await expect(notice).toHaveText(`${authorPerson.displayName} mentioned you in a roundtable`);
  await notice.click();
  await expect(named).toHaveURL(new RegExp(`${roomPath}#message-${messageId}$`));
  await expect(messageWith(named, text)).toBeVisible();

  // The author is not told of their own words.
  await author.goto('/notifications');
  await expect(author.locator(`a[href="${roomPath}#message-${messageId}"]`)).toHaveCount(0);

  await author.context().close();
  await named.context().close();
});

test('the composer suggests members after @; a mention reaches the person named on another page live; a reaction works without JavaScript', async ({
  browser,
  make,
}) => {
  const authorPerson = await make.person('DM', 'national_coordinator', { name: `Author DM ${make.tag}` });
  const namedPerson = await make.person('US', 'delegate', { name: `Zelda US ${make.tag}` });
  const room = await make.room({ organizations: ['DM', 'US'] });
  const author = await openRoom(browser, make, authorPerson, room);

  // The person named is elsewhere (the roundtables list), signed in, with no reload coming.
  const named = await (await browser.newContext()).newPage();
  await make.logIn(named, namedPerson);
  await named.goto('/roundtables');

  // @ and letters list the room's members; Enter inserts the name the service reads as a mention.
  const composer = author.getByLabel('Your message');
  await composer.fill('');
  await composer.pressSequentially('Thanks @Zel');
  const list = author.getByRole('listbox', { name: 'Members of this room to mention' });
  await expect(list.getByRole('option', { name: namedPerson.displayName })).toBeVisible();
  await expect(composer).toHaveAttribute('aria-activedescendant', /.+/);
  await composer.press('Enter');
  await expect(composer).toHaveValue(`Thanks @${namedPerson.displayName} `);
  await expect(list).toBeHidden();
  const words = `for the agenda ${Date.now()}`;
  await composer.pressSequentially(words);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');

  // The notice arrives live on the other page, with a link to the message, and the unread count follows.
  const notice = named.getByText(`${authorPerson.displayName} mentioned you in “${room.title}”.`);
  await expect(notice).toBeVisible();
  await expect(named.getByRole('link', { name: 'Read the message' })).toHaveAttribute(
    'href',
    new RegExp(`${room.url}#message-`),
  );
  await expect(named.getByRole('link', { name: /Notifications/ })).toContainText('1');

  // Without JavaScript the reaction buttons are a form: a press toggles the reaction and comes back to the message.
  const plainContext = await browser.newContext({ javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await make.logIn(plain, namedPerson);
  await plain.goto(room.url);
  const message = messageWith(plain, words);
  await message.getByRole('button', { name: 'Agree: 0' }).click();
  await expect(plain).toHaveURL(new RegExp(`${room.url}#message-\\d+$`));
  await expect(messageWith(plain, words).getByRole('button', { name: 'Agree: 1' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The author's open page sees it live, as a reaction over the socket.
  await expect(messageWith(author, words).getByRole('button', { name: 'Agree: 1' })).toBeVisible();
  await messageWith(plain, words).getByRole('button', { name: 'Agree: 1' }).click();
  await expect(messageWith(plain, words).getByRole('button', { name: 'Agree: 0' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  await plainContext.close();
  await author.context().close();
  await named.context().close();
});
