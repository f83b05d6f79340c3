import { subcommand } from '../../src/framework/command-table.js';
import { TARGET_FIELDS } from '../../src/framework/target.js';
import { renderSettings } from '../../src/render/system-settings.js';
import { loadSettings } from '../../src/system/settings.js';

export const viewSettings = subcommand({
  description: 'Every setting of your system, or the public settings of another',
  options: { user: TARGET_FIELDS.user, system: TARGET_FIELDS.system },
  help: '🔷 marks a setting changed from the default; the reply is only for you',
  async run(ctx, args) {
    const view = await loadSettings(ctx.services, ctx.userId, args);
    await ctx.reply.send({ embeds: [renderSettings(view.settings, { system: view.naming, owner: view.owner, now: new Date() })] });
  },
});
