import { z } from 'zod';
import { confirmation } from '../../src/framework/confirm.js';
import type { CommandContext } from '../../src/framework/command.js';
import type { OwnSystemAuth } from '../../src/directory/system-directory.js';
import type { Member } from '../../src/pluralkit/models.js';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { changedFrontText, didYouMeanPromptText } from '../../src/render/switch.js';
import { tryResolveOwnList } from '../../src/access/own-system.js';
import { changeFront } from '../../src/switches/front-change.js';
import { registerOrAsk } from './backdate.js';

/*
 * A switch typed with a near miss ("Alcie") answers with what it meant as one button: pressing it
 * runs the same switch with the closest matches, instead of retyping the command.
 */

const SwitchChoice = z.object({ change: z.enum(['new', 'add', 'remove']), at: z.iso.datetime().optional() });
type SwitchChoice = z.infer<typeof SwitchChoice>;
const Suggested = SwitchChoice.extend({ memberIds: z.array(z.string()) });

async function runSwitch(ctx: CommandContext & { auth: OwnSystemAuth }, choice: SwitchChoice, members: Member[]): Promise<void> {
  if (choice.change === 'new') return registerOrAsk(ctx, members, choice.at === undefined ? undefined : new Date(choice.at));
  const done = await changeFront(ctx.services, ctx.userId, ctx.auth, choice.change, members);
  await ctx.reply.send({ content: changedFrontText(choice.change, members, done.members, done.registered), components: [] });
}

export const confirmSuggestion = confirmation({
  id: 'switch.did-you-mean',
  label: 'Yes, use them',
  schema: Suggested,
  // The suggested members, read again: one deleted meanwhile is not switched in.
  async reread(ctx, suggested) {
    const byId = new Map((await ctx.services.directory.ownMembers(ctx.userId, ctx.auth)).map((member) => [member.id, member]));
    const current = suggested.memberIds.flatMap((id) => byId.get(id) ?? []);
    return { shown: current.map((member) => member.id).join(','), subject: { kind: 'member' }, current };
  },
  run: (ctx, suggested, members) => runSwitch(ctx, suggested, members),
});

/**
 * Runs the switch with the members typed; a miss whose closest matches make one clear list is
 * answered with a one-click "did you mean" instead of a refusal.
 */
export async function switchWithMembers(ctx: CommandContext & { auth: OwnSystemAuth }, input: string, choice: SwitchChoice): Promise<void> {
  const result = await tryResolveOwnList(ctx.services, 'members', ctx.userId, ctx.auth, input);
  if (result.ok) return runSwitch(ctx, choice, result.entities);
  if (!result.corrected) throw new UserFacingError(result.message);
  const memberIds = result.corrected.map((member) => member.id);
  await confirmSuggestion.ask(ctx, {
    payload: { ...choice, memberIds },
    shown: memberIds.join(','),
    prompt: { content: didYouMeanPromptText(result.message, result.corrected) },
  });
}
