import { subcommand } from '../../src/framework/command-table.js';
import { membersField } from '../shared/fields/entities.js';
import { atField } from '../shared/fields/time.js';
import { readAt } from '../../src/access/at-time.js';
import { resolveOwnList } from '../../src/access/own-system.js';
import { confirmBackdate, registerOrAsk } from './backdate.js';

export const newSwitch = subcommand({
  description: 'Register a switch',
  options: { members: membersField('Who is fronting now, comma-separated'), at: atField() },
  needs: { token: true },
  flows: [confirmBackdate],
  async run(ctx, args) {
    const members = await resolveOwnList(ctx.services, 'members', ctx.userId, ctx.auth, args.members);
    const at = args.at === undefined ? undefined : await readAt(ctx.services, ctx.log, ctx.userId, ctx.auth, args.at);
    await registerOrAsk(ctx, members, at);
  },
});
