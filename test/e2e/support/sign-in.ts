import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Signs in through the sign-in screen, as a person does on a team server. */
export async function signInThroughUi(page: Page, serverUrl: string, email: string, password: string): Promise<void> {
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Navigation' })).toBeVisible();
}
