import { subcommand } from '../../src/framework/command-table.js';
import { renderServerSettings } from '../../src/render/system-server.js';
import { readServerSettings } from '../../src/system/server.js';

export const viewServerSettings = subcommand({
  description: "Your system's settings in this server: proxying, tag, name, avatar, name format",
  needs: { token: true, server: true },
  async run(ctx) {
    const settings = await readServerSettings(ctx.services, ctx.auth, ctx.guildId);
    await ctx.reply.send({ embeds: [renderServerSettings(settings)] });
  },
});
