import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../playground/server/playground.js';
import type { PlaygroundState } from '../../playground/shared/protocol.js';
import { CHROMIUM_MISSING, chromiumAvailable, launchChromium, type Browser } from '../support/chromium.js';
import { playgroundPage } from '../support/playground-page.js';

// CI sets REQUIRE_BROWSER=1, so it cannot pass without the browser journeys; elsewhere a missing browser is one line.
const skipBrowser = !chromiumAvailable() && process.env.REQUIRE_BROWSER !== '1';
if (skipBrowser) console.warn(CHROMIUM_MISSING);

const OWNER = '100000000000000001';
const FRIEND = '100000000000000002';
let playground: Playground;

beforeAll(async () => {
  playground = await startPlayground();
}, 90_000);

afterAll(async () => {
  await playground?.stop();
});

async function call(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL(path, playground.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the playground API', () => {
  it('runs a command as the chosen person and records its reply and the PluralKit requests it caused', async () => {
    const answer = await call('/api/slash', { as: OWNER, place: { kind: 'guild' }, name: 'token', subcommand: 'status', options: {} });
    expect(answer.status).toBe(200);
    const interactionId = answer.body.interactionId as string;
    await expect
      .poll(async () => {
        const state = (await (await fetch(new URL('/api/state', playground.url))).json()) as PlaygroundState;
        const reply = state.entries.find((entry) => entry.interactionId === interactionId);
        const calls = state.calls.filter((entry) => entry.interactionId === interactionId);
        return reply && { onlyFor: reply.onlyFor, label: reply.invocation?.label, calls: calls.map((entry) => `${entry.method} ${entry.path} ${entry.status} ${entry.withToken}`) };
      })
      .toEqual({ onlyFor: OWNER, label: 'used /token status', calls: ['GET /systems/@me 200 true'] });
  });

  it('refuses what nobody on the page could do, saying why, and dispatches nothing', async () => {
    const before = playground.world.discord.requests.length;
    const refusals = [
      [{ as: '100000000000000009', place: { kind: 'guild' }, name: 'help', options: {} }, /unknown person/],
      [{ as: OWNER, place: { kind: 'dm', personId: FRIEND }, name: 'help', options: {} }, /own DMs/],
      [{ as: OWNER, name: 'help', options: {} }, /place/],
      [{ as: OWNER, place: { kind: 'guild' }, name: 'help', options: { command: { user: 'x' } } }, /options\.command/],
      ['not json', /not JSON/],
    ] as const;
    for (const [body, message] of refusals) {
      const answer = await call('/api/slash', body);
      expect(answer.status).toBe(400);
      expect(String(answer.body.error)).toMatch(message);
    }
    expect((await call('/api/message-command', { as: OWNER, place: { kind: 'guild' }, name: 'Message info', messageId: '123' })).body.error).toMatch(/no message 123/);
    expect(playground.world.discord.requests.length).toBe(before);
  });

  it('serves uploaded files and the npm fonts, and nothing else from disk', async () => {
    const status = async (path: string) => (await fetch(new URL(path, playground.url))).status;
    expect(await status('/api/attachments/1/front.png')).toBe(404);
    expect(await status('/fonts/noto-sans/index.css')).toBe(200);
    expect(await status('/fonts/noto-sans/..%2Fpackage.json')).toBe(404);
    expect(await status('/fonts/zod/package.json')).toBe(404);
  });
});

describe.skipIf(skipBrowser)('the playground in Chromium', () => {
  let browser: Browser;
  let ui: ReturnType<typeof playgroundPage>;

  const fronters = async (): Promise<string[]> => {
    const response = await fetch(`${playground.world.pluralkit.url}/systems/exmpl/fronters`, { headers: { 'user-agent': 'playground-test' } });
    return ((await response.json()) as { members: Array<{ id: string }> }).members.map((member) => member.id);
  };

  beforeAll(async () => {
    browser = await launchChromium();
    ui = playgroundPage(browser.page);
    await browser.page.goto(playground.url);
    await ui.message('おはよう').waitFor();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
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

  // The bot's first chart loads Skia and its fonts: seconds alone, far more while the suite runs beside it.
  it('shows the /stats front chart the bot uploaded', { timeout: 90_000 }, async () => {
    await ui.command('/stats front');
    await ui.send();
    const chart = ui.message('Front share').locator('img').first();
    await chart.waitFor({ timeout: 80_000 });
    await expect.poll(() => chart.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(400);
  });

  it('answers "Message info" on a proxied demo post with who sent it', async () => {
    await ui.message('おはよう').click({ button: 'right' });
    await ui.page.getByRole('menuitem', { name: 'Message info' }).click();
    await expect.poll(() => ui.message('Proxied message').textContent()).toMatch(/Harbour Lights ⚓.*exmpl/s);
  });
});
