import { memberField } from '../shared/fields/entities.js';
import { subcommand } from '../../src/framework/command-table.js';
import { memberGuildSettings } from '../../src/entities/member-guild.js';
import { renderMemberGuildSettings } from '../../src/render/member-guild.js';
import { resolveOwn } from '../../src/access/own-system.js';

/**
 * `/member server view member`: GET /members/{ref}/guilds/{guild} — the member's display name,
 * avatar and keep-proxy in this server (ephemeral: it is the owner's view). In a DM it says it
 * needs a server; a member never used here is told that, not "not found".
 */
export const viewMemberServer = subcommand({
  description: "A member's display name, avatar and keep-proxy in this server",
  options: { member: memberField('The member') },
  needs: { token: true, server: true },
  async run(ctx, args) {
    const member = await resolveOwn(ctx.services, 'members', ctx.userId, ctx.auth, args.member);
    const settings = await memberGuildSettings(ctx.services, ctx.auth, member, ctx.guildId);
    await ctx.reply.send({ embeds: [renderMemberGuildSettings(member, settings)] });
  },
});
