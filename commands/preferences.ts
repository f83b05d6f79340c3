import { defineCommand, subcommand } from '../src/framework/command-table.js';
import { choice } from '../src/framework/fields.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../src/stores/preferences/preferences-store.js';
import { renderPreferences } from '../src/render/preferences.js';

/** `/preferences [replies]`: your own defaults, kept by Switchboard (not PluralKit); shown only to you. */
export const preferencesCommand = defineCommand({
  name: 'preferences',
  description: 'Your own defaults: answer your reads publicly or only to you',
  run: subcommand({
    description: 'Your own defaults: answer your reads publicly or only to you',
    visibility: 'ephemeral',
    options: {
      replies: choice<Preferences['replies']>({
        description: 'How read commands answer you unless you pass only_me',
        choices: [
          { name: 'public (everyone in the channel sees them)', value: 'public' },
          { name: 'only me', value: 'only-me' },
        ],
      }),
    },
    async run(ctx, args) {
      const stored = await ctx.services.stores.preferences.get(ctx.userId);
      if (args.replies === undefined) {
        await ctx.reply.send({ content: renderPreferences(stored ?? DEFAULT_PREFERENCES, false) });
        return;
      }
      const chosen: Preferences = { ...(stored ?? DEFAULT_PREFERENCES), replies: args.replies };
      await ctx.services.stores.preferences.set(ctx.userId, chosen);
      await ctx.reply.send({ content: renderPreferences(chosen, true) });
    },
  }),
});
