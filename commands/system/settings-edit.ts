import { settingsFields } from '../shared/fields/settings.js';
import { subcommand } from '../../src/framework/command-table.js';
import { changeRows, patchFrom } from '../../src/framework/patch.js';
import { renderSaved } from '../../src/render/changes.js';
import { nameFormatWarning } from '../../src/render/saved.js';
import { timezoneNote } from '../../src/render/system-settings.js';
import { comparableSettings } from '../../src/system/settings.js';
import { updateOwnSettings } from '../../src/system/writes.js';
import { openSettingsForm, settingsForm } from './settings-form.js';

const fields = settingsFields();

export const editSettings = subcommand({
  description: 'Change your system settings: time zone, pings, latch timeout, proxying, IDs…',
  options: fields,
  needs: { token: true },
  flows: [settingsForm],
  help: 'With no option, a form opens for the name format and the description templates',
  async run(ctx, args) {
    const body = patchFrom(fields, args);
    const before = await ctx.services.pluralkit.getSystemSettings('@me', { token: ctx.auth.token });
    if (Object.keys(body).length === 0) {
      await openSettingsForm(ctx, before);
      return;
    }
    const saved = await updateOwnSettings(ctx.services, ctx.userId, ctx.auth, body);
    const notes = [nameFormatWarning(args.name_format), args.timezone ? timezoneNote(args.timezone, new Date()) : null].filter((note) => note !== null);
    const rows = changeRows(fields, body, comparableSettings(before), comparableSettings(saved.value));
    await ctx.reply.send({ content: renderSaved('Saved your settings.', rows, { readBack: saved.readBack, notes }) });
  },
});
