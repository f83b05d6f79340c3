import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../playground/server/playground.js';
import { CHROMIUM_MISSING, chromiumAvailable, launchChromium, type Browser } from '../support/chromium.js';
import { playgroundPage } from '../support/playground-page.js';

// CI sets REQUIRE_BROWSER=1, so it cannot pass without running these; elsewhere a missing browser is one line.
const skip = !chromiumAvailable() && process.env.REQUIRE_BROWSER !== '1';
if (skip) console.warn(CHROMIUM_MISSING);

describe.skipIf(skip)('the playground in Chromium', () => {
  let playground: Playground;
  let browser: Browser;
  let ui: ReturnType<typeof playgroundPage>;

  const fronters = async (): Promise<string[]> => {
    const response = await fetch(`${playground.world.pluralkit.url}/systems/exmpl/fronters`, { headers: { 'user-agent': 'playground-test' } });
    return ((await response.json()) as { members: Array<{ id: string }> }).members.map((member) => member.id);
  };

  beforeAll(async () => {
    // Both settle before anything is judged, so afterAll can stop whichever did start.
    const [started, launched] = await Promise.allSettled([startPlayground().then((value) => (playground = value)), launchChromium().then((value) => (browser = value))]);
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
    ui = playgroundPage(browser.page);
    await browser.page.goto(playground.url);
    await ui.message('おはよう').waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it('sets a token in the DM view through the form /token set opens', async () => {
    const { page } = ui;
    await ui.actAs('Starfall');
    await ui.openDm();
    const token = (await page.locator('code.demo-token').textContent())!;
    await ui.command('/token set');
    await ui.send();
    await ui.dialog().getByLabel(/PluralKit token/).fill(token);
    await ui.dialog().getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => ui.message(/Connected to/).textContent()).toContain('Starfall');
    expect(await ui.message(/Connected to/).textContent()).toContain('Only you can see this');
    await ui.actAs('Harbour Lights');
    await ui.openChannel();
  });

  it('logs a switch picked with live autocomplete, and lists the request PluralKit got', async () => {
    await ui.command('/switch new');
    await ui.pick('members', 'mik', /Mika ✨/);
    await ui.send();
    await ui.message('Switch registered').waitFor();
    expect(await fronters()).toEqual(['mikas']);
    await expect.poll(() => ui.page.locator('.call-group.selected').textContent()).toMatch(/POST\/systems\/@me\/switches200/);
  });

  it('deletes that switch after the confirmation is pressed', async () => {
    await ui.command('/switch delete');
    await ui.send();
    const prompt = ui.message('Delete your latest switch');
    await prompt.getByRole('button', { name: 'Delete switch' }).click();
    await ui.message('Switch deleted').waitFor();
    expect(await fronters()).toEqual(['sakur', 'renfx']);
  });

  it('opens the edit form prefilled, and saves what was changed', async () => {
    await ui.command('/member edit');
    await ui.pick('member', 'ren', /Ren 🦊/);
    await ui.send();
    const form = ui.dialog();
    await expect.poll(() => form.getByLabel(/^Name/).inputValue()).toBe('Ren 🦊');
    await form.getByLabel(/^Pronouns/).fill('he/they');
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => ui.message(/Pronouns/).textContent()).toMatch(/he\/him → he\/they/);
  });

  it('shows the /stats front chart the bot uploaded', async () => {
    await ui.command('/stats front');
    await ui.send();
    const chart = ui.message('Front share').locator('img').first();
    await chart.waitFor({ timeout: 20_000 });
    await expect.poll(() => chart.evaluate((image) => (image as unknown as { complete: boolean; naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(400);
  });

  it('answers "Message info" on a proxied demo post with who sent it', async () => {
    await ui.message('おはよう').click({ button: 'right' });
    await ui.page.getByRole('menuitem', { name: 'Message info' }).click();
    await expect.poll(() => ui.message('Proxied message').textContent()).toMatch(/Harbour Lights ⚓.*exmpl/s);
  });
});
