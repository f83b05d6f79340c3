import { subcommand } from '../../src/framework/command-table.js';
import { atField } from '../shared/fields/time.js';
import { registeredSwitchText } from '../../src/render/switch.js';
import { readAt } from '../../src/access/at-time.js';
import { registerSwitch } from '../../src/switches/register.js';

export const switchOut = subcommand({
  description: 'Register a switch-out (no one fronting)',
  options: { at: atField() },
  needs: { token: true },
  async run(ctx, args) {
    const at = args.at === undefined ? undefined : await readAt(ctx.services, ctx.log, ctx.userId, ctx.auth, args.at);
    const registered = await registerSwitch(ctx.services, ctx.userId, ctx.auth, [], at);
    await ctx.reply.send({ content: registeredSwitchText([], registered) });
  },
});
