import { z } from 'zod';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { memberField } from '../shared/fields/entities.js';
import { clearField, imageField, keepProxyField } from '../shared/fields/profile.js';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import type { HandlerContext } from '../../src/framework/context.js';
import { describedAs, text } from '../../src/framework/fields.js';
import { patchFrom } from '../../src/framework/patch.js';
import { updateMemberGuildSettings } from '../../src/entities/member-guild.js';
import type { Member, MemberGuildSettingsPatch } from '../../src/pluralkit/index.js';
import { Limits } from '../../src/pluralkit/requests.js';
import { READ_BACK_NOTE } from '../../src/render/changes.js';
import { namedWithId } from '../../src/render/format.js';
import { renderMemberGuildSettings } from '../../src/render/member-guild.js';
import { resolveOwn } from '../../src/access/own-system.js';

const fields = {
  display_name: text({ description: "The member's display name in this server", label: 'Server display name', max: Limits.displayName, patch: 'display_name' }),
  avatar: imageField("The member's avatar in this server: an https image link", 'Server avatar', 'avatar_url'),
  keep_proxy: describedAs(keepProxyField(), 'Keep the proxy tags in proxied messages in this server'),
};

type Owned = HandlerContext<{ token: true; server: true }, 'ephemeral'>;

async function save(ctx: Owned, member: Member, body: MemberGuildSettingsPatch): Promise<void> {
  const { value, readBack } = await updateMemberGuildSettings(ctx.services, ctx.auth, member, ctx.guildId, body);
  const content = `✅ Saved the settings of ${namedWithId(member)} in this server.${readBack ? `\n${READ_BACK_NOTE}` : ''}`;
  await ctx.reply.send({ content, embeds: [renderMemberGuildSettings(member, value)], components: [] });
}

const confirmClear = confirmation({
  id: 'member.server',
  label: 'Clear',
  danger: true,
  needs: { token: true, server: true },
  schema: z.object({ member: z.string(), body: z.record(z.string(), z.unknown()) }),
  async run(ctx, change) {
    await save(ctx, await resolveOwn(ctx.services, 'members', ctx.userId, ctx.auth, change.member), change.body as MemberGuildSettingsPatch);
  },
});

/**
 * `/member server edit member [display_name] [avatar] [keep_proxy] [clear]`: one PATCH
 * /members/{ref}/guilds/{guild}; `clear` (display name or avatar) asks first.
 */
export const editMemberServer = subcommand({
  description: "Change a member's display name, avatar or keep-proxy in this server",
  options: { member: memberField('The member'), ...fields, clear: clearField({ display_name: fields.display_name, avatar: fields.avatar }) },
  needs: { token: true, server: true },
  async run(ctx, args) {
    const cleared = args.clear as keyof typeof fields | undefined;
    if (cleared && args[cleared] !== undefined) throw new UserFacingError(`Give \`${cleared}\` a value or clear it, not both.`);
    const body = patchFrom(fields, args, cleared) as MemberGuildSettingsPatch;
    if (Object.keys(body).length === 0) throw new UserFacingError('Give at least one of `display_name`, `avatar`, `keep_proxy` or `clear`.');
    const member = await resolveOwn(ctx.services, 'members', ctx.userId, ctx.auth, args.member);
    if (cleared === undefined) return save(ctx, member, body);
    await confirmClear.ask(ctx, { member: member.uuid, body }, {
      content: `⚠️ Clear the ${fields[cleared].label?.toLowerCase()} of ${namedWithId(member)} in this server?`,
    });
  },
});

export const serverConfirmations = [confirmClear];
