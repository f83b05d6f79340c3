import { subcommand } from '../../src/framework/command-table.js';
import { atField } from '../shared/fields/time.js';
import { readAt } from '../../src/access/at-time.js';
import { confirmBackdate, registerOrAsk } from './backdate.js';

export const switchOut = subcommand({
  description: 'Register a switch-out (no one fronting)',
  options: { at: atField() },
  needs: { token: true },
  flows: [confirmBackdate],
  async run(ctx, args) {
    const at = args.at === undefined ? undefined : await readAt(ctx.services, ctx.log, ctx.userId, ctx.auth, args.at);
    await registerOrAsk(ctx, [], at);
  },
});
