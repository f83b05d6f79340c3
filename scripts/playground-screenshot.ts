/**
 * Takes the README's picture of the playground (docs/playground.png): the real page in Chromium
 * after a member card and a switch, with the command box autocompleting.
 *   npx tsx scripts/playground-screenshot.ts [--out docs/playground.png]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPlayground } from '../playground/server/playground.js';
import { launchChromium } from '../test/support/chromium.js';
import { playgroundPage } from '../test/support/playground-page.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: fileURLToPath(new URL('../docs/playground.png', import.meta.url)) } } });
  const playground = await startPlayground();
  const browser = await launchChromium({ width: 1280, height: 860 });
  try {
    const ui = playgroundPage(browser.page);
    await ui.open(playground.url);
    await ui.command('/member view');
    await ui.pick('member', 'sak', /桜子/);
    await ui.send();
    await ui.message('Last fronted').waitFor();
    await ui.command('/switch new');
    await ui.page.getByLabel('members', { exact: true }).fill('mi');
    await ui.page.getByRole('option', { name: /Mika/ }).first().waitFor();
    // Fonts and the request panel settle.
    await browser.page.waitForTimeout(1000);
    await browser.page.screenshot({ path: values.out });
    console.log(`wrote ${values.out}`);
  } finally {
    await browser.close();
    await playground.stop();
  }
}

await main();
