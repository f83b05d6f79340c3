import type { Locator, Page } from 'playwright-core';

/** A proxied post of `demo-seed.json`, in the channel from the start. */
export const SEEDED_POST = 'おはよう';

/** What a person does on the playground page, by what they see (labels, roles, text). */
export function playgroundPage(page: Page) {
  const messageBox = page.getByLabel('Message', { exact: true });
  return {
    page,
    /** Loads the page afresh (the person and the view back to their defaults) and waits for the channel. */
    async open(url: string): Promise<void> {
      await page.goto(url);
      await page.locator('article.message').filter({ hasText: SEEDED_POST }).first().waitFor();
    },
    /** Picks a slash command from the picker, as typing `/` and clicking it does. */
    async command(label: string): Promise<void> {
      await messageBox.fill(label);
      await page.getByRole('option', { name: label, exact: false }).first().click();
    },
    /** Types into an option's box and picks the suggestion whose text matches. */
    async pick(option: string, typed: string, choice: RegExp): Promise<void> {
      await page.getByLabel(option, { exact: true }).fill(typed);
      await page.getByRole('option', { name: choice }).first().click();
    },
    send: () => page.keyboard.press('Enter'),
    async actAs(name: string): Promise<void> {
      await page.getByLabel('You are').selectOption({ label: name });
    },
    openDm: () => page.getByRole('button', { name: /^@ / }).click(),
    openChannel: () => page.getByRole('button', { name: /^# / }).click(),
    /** The newest message (in the open channel) containing the text. */
    message: (text: string | RegExp): Locator => page.locator('article.message').filter({ hasText: text }).last(),
    dialog: (): Locator => page.getByRole('dialog'),
  };
}
