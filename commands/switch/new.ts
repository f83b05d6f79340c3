import { subcommand } from '../../src/framework/command-table.js';
import { membersField } from '../shared/fields/entities.js';
import { atField } from '../shared/fields/time.js';
import { readAt } from '../../src/access/at-time.js';
import { confirmBackdate } from './backdate.js';
import { confirmSuggestion, switchWithMembers } from './did-you-mean.js';

export const newSwitch = subcommand({
  description: 'Register a switch',
  options: { members: membersField('Who is fronting now, comma-separated'), at: atField() },
  needs: { token: true },
  flows: [confirmBackdate, confirmSuggestion],
  async run(ctx, args) {
    const at = args.at === undefined ? undefined : await readAt(ctx.services, ctx.log, ctx.userId, ctx.auth, args.at);
    await switchWithMembers(ctx, args.members, { change: 'new', ...(at ? { at: at.toISOString() } : {}) });
  },
});
