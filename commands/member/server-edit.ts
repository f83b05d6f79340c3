import { z } from 'zod';
import { refuse } from '../../src/core/refusal.js';
import { memberField } from '../shared/fields/entities.js';
import { clearField, imageField, keepProxyField } from '../shared/fields/profile.js';
import { clearableEdit } from '../../src/framework/clearable.js';
import { subcommand } from '../../src/framework/command-table.js';
import { describedAs, text } from '../../src/framework/fields.js';
import { patchFrom } from '../../src/framework/patch.js';
import { memberGuildSettings, updateMemberGuildSettings } from '../../src/entities/member-guild.js';
import type { MemberGuildSettingsPatch } from '../../src/pluralkit/index.js';
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

const clearing = clearableEdit({
  id: 'member.server',
  fields,
  target: z.object({ member: z.string(), guildId: z.string() }),
  needs: { token: true },
  async read(ctx, target) {
    const member = await resolveOwn(ctx.services, 'members', ctx.userId, ctx.auth, target.member);
    return { stored: await memberGuildSettings(ctx.services, ctx.auth, member, target.guildId), subject: { kind: 'named', name: member.name } };
  },
  async save(ctx, target, body) {
    const member = await resolveOwn(ctx.services, 'members', ctx.userId, ctx.auth, target.member);
    const { value, readBack } = await updateMemberGuildSettings(ctx.services, ctx.auth, member, target.guildId, body as MemberGuildSettingsPatch);
    const content = `✅ Saved the settings of ${namedWithId(member)} in this server.${readBack ? `\n${READ_BACK_NOTE}` : ''}`;
    await ctx.reply.send({ content, embeds: [renderMemberGuildSettings(member, value)], components: [] });
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
  flows: [clearing.flow],
  async run(ctx, args) {
    clearing.check(args, args.clear);
    const body = patchFrom(fields, args, args.clear);
    if (Object.keys(body).length === 0) refuse('edit.nothing-given', { options: ['display_name', 'avatar', 'keep_proxy', 'clear'] });
    const member = await resolveOwn(ctx.services, 'members', ctx.userId, ctx.auth, args.member);
    const target = { member: member.uuid, guildId: ctx.guildId };
    const before = args.clear === undefined ? {} : await memberGuildSettings(ctx.services, ctx.auth, member, ctx.guildId);
    await clearing.apply(ctx, { target, body, clear: args.clear, before, whose: `${namedWithId(member)}'s` });
  },
});
