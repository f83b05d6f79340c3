import { z } from 'zod';
import { confirmation } from '../../src/framework/confirm.js';
import type { CommandContext } from '../../src/framework/command.js';
import type { OwnSystemAuth } from '../../src/directory/system-directory.js';
import { backdatePromptText, registeredSwitchText } from '../../src/render/switch.js';
import { backdatedPlace, placeFingerprint } from '../../src/switches/backdate.js';
import { checkBackdatedSwitch, registerSwitch, type SwitchMember } from '../../src/switches/register.js';

/*
 * `/switch new` and `/switch out` with `at`: a switch earlier than the latest one changes no
 * current front but reshapes durations, stats and "last fronted", so it is registered only after
 * a prompt that names where it lands; a later one is registered at once.
 */

const BackdatedSwitch = z.object({
  members: z.array(z.object({ id: z.string(), uuid: z.string(), name: z.string() })),
  at: z.iso.datetime(),
});

export const confirmBackdate = confirmation({
  id: 'switch.backdate',
  label: 'Add to front history',
  schema: BackdatedSwitch,
  async reread(ctx, change) {
    const current = await backdatedPlace(ctx.services, ctx.userId, ctx.auth, new Date(change.at));
    return { shown: placeFingerprint(current), subject: { kind: 'latest-switch' }, current };
  },
  async run(ctx, change) {
    const registered = await registerSwitch(ctx.services, ctx.userId, ctx.auth, change.members, new Date(change.at));
    await ctx.reply.send({ content: registeredSwitchText(change.members, registered), components: [] });
  },
});

/** Registers the switch (now, or at a time after the latest), or asks first when `at` is earlier. */
export async function registerOrAsk(ctx: CommandContext & { auth: OwnSystemAuth }, members: readonly SwitchMember[], at: Date | undefined): Promise<void> {
  const checked = at ? await checkBackdatedSwitch(ctx.services, ctx.userId, ctx.auth, members, at) : undefined;
  const place = at && checked && !checked.becameLatest ? await backdatedPlace(ctx.services, ctx.userId, ctx.auth, at) : null;
  if (at && place) {
    const payload = { members: members.map(({ id, uuid, name }) => ({ id, uuid, name })), at: at.toISOString() };
    await confirmBackdate.ask(ctx, { payload, shown: placeFingerprint(place), prompt: { content: backdatePromptText(members, at, place) } });
    return;
  }
  const registered = await registerSwitch(ctx.services, ctx.userId, ctx.auth, members, at, checked ? { checked } : {});
  await ctx.reply.send({ content: registeredSwitchText(members, registered), components: [] });
}
