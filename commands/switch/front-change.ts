import { subcommand } from '../../src/framework/command-table.js';
import { membersField } from '../shared/fields/entities.js';
import type { FrontChange } from '../../src/switches/front-change.js';
import { confirmBackdate } from './backdate.js';
import { confirmSuggestion, switchWithMembers } from './did-you-mean.js';

/** `/switch add` and `/switch remove`: members in or out of the current front, in one command. */
export function frontChange(change: FrontChange, description: string, option: string) {
  return subcommand({
    description,
    options: { members: membersField(option) },
    needs: { token: true },
    flows: [confirmSuggestion, confirmBackdate],
    async run(ctx, args) {
      await switchWithMembers(ctx, args.members, { change });
    },
  });
}
