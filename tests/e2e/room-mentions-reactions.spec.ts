import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, logIn, openDemoRoom } from './helpers';

// Issue 15 item 11 in Chromium, in the demo room (Peru, Colombia and the OAS): one person mentions another, who finds
// the notice and follows it to the message; a reaction appears live for both. Messages carry this run's stamp, so a
// rerun or another spec's messages in the room change nothing here.

async function openRoom(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, email);
  await openDemoRoom(page);
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
}) => {
  const author = await openRoom(browser, demo.coordinatorPE);
  const named = await openRoom(browser, demo.delegateCO);
  const roomPath = new URL(author.url()).pathname;
  const text = `@Delegate CO could you confirm the dates? ${Date.now()}`;

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
  await expect(notice).toHaveText('National Coordinator PE mentioned you in a roundtable');
  await notice.click();
  await expect(named).toHaveURL(new RegExp(`${roomPath}#message-${messageId}$`));
  await expect(messageWith(named, text)).toBeVisible();

  // The author is not told of their own words.
  await author.goto('/notifications');
  await expect(author.locator(`a[href="${roomPath}#message-${messageId}"]`)).toHaveCount(0);

  await author.context().close();
  await named.context().close();
});
