import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'e2e-demo-password';

export const demo = {
  admin: 'admin@demo.minka.test',
  staff: 'staff@demo.minka.test',
  coordinatorPE: 'coordinator.pe@demo.minka.test',
  deputyPE: 'deputy.pe@demo.minka.test',
  delegatePE: 'delegate.pe@demo.minka.test',
  delegateCO: 'delegate.co@demo.minka.test',
  jswg: 'focal.oas@demo.minka.test',
  civilSociety: 'member.cso@demo.minka.test',
};

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

/** The room the demo seed opens for the confirmed demo match (Peru, Colombia and the OAS are in it). */
export const DEMO_ROOM_LINK = /^\(Demo\) Training for judges/;

/** From the roundtables list into the demo room (with or without JavaScript). */
export async function openDemoRoom(page: Page) {
  await page.goto('/roundtables');
  await page.getByRole('link', { name: DEMO_ROOM_LINK }).click();
  await page.waitForURL(/\/roundtables\/[0-9a-f-]{36}$/);
}
