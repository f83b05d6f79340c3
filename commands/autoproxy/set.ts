import { choice, required } from '../../src/framework/fields.js';
import { memberField, optional } from '../shared/fields/entities.js';
import { subcommand } from '../../src/framework/command-table.js';
import { AutoproxyModeSchema } from '../../src/pluralkit/models.js';
import { autoproxyRows, autoproxyWarning } from '../../src/render/autoproxy.js';
import { renderSaved } from '../../src/render/changes.js';
import { autoproxyMember, checkAutoproxyRequest } from '../../src/system/autoproxy.js';
import { updateAutoproxy } from '../../src/system/writes.js';

export const setAutoproxy = subcommand({
  description: 'Set autoproxy in this server: off, front, latch, or one member',
  options: {
    mode: required(choice({ description: 'off, front (the first fronter), latch (the last member proxied) or member', choices: AutoproxyModeSchema.options })),
    member: optional(memberField('The member to proxy as: required for member, allowed for latch')),
  },
  needs: { token: true, server: true },
  async run(ctx, args) {
    checkAutoproxyRequest(args.mode, args.member !== undefined);
    const member = args.member === undefined ? null : await autoproxyMember(ctx.services, ctx.userId, ctx.auth, args.member);
    const [before, members] = await Promise.all([
      ctx.services.pluralkit.getAutoproxySettings('@me', ctx.guildId, { token: ctx.auth.token }),
      ctx.services.directory.ownMembers(ctx.userId, ctx.auth),
    ]);
    const saved = await updateAutoproxy(ctx.services, ctx.auth, ctx.guildId, { autoproxy_mode: args.mode, ...(member ? { autoproxy_member: member.id } : {}) });
    const notes = [autoproxyWarning(saved.value, members)].filter((note) => note !== null);
    await ctx.reply.send({ content: renderSaved('Saved autoproxy in this server.', autoproxyRows(before, saved.value, members), { readBack: saved.readBack, notes }) });
  },
});
