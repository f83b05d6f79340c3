import { z } from 'zod';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { clearField } from '../shared/fields/profile.js';
import { serverFields } from '../shared/fields/system.js';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import type { AnyField } from '../../src/framework/fields.js';
import { changeRows, patchFrom } from '../../src/framework/patch.js';
import { renderSaved } from '../../src/render/changes.js';
import { nameFormatWarning, renderClearPrompt } from '../../src/render/saved.js';
import { readServerSettings } from '../../src/system/server.js';
import { updateServerSettings } from '../../src/system/writes.js';

const fields = serverFields();
const { tag, display_name, avatar, name_format } = fields;
const Stored = z.record(z.string(), z.unknown());
const SUBJECT = 'your settings in this server';

const confirmClear = confirmation({
  id: 'system.server-clear',
  label: 'Clear',
  danger: true,
  schema: z.object({ guildId: z.string(), body: Stored, before: Stored }),
  async run(ctx, change) {
    const saved = await updateServerSettings(ctx.services, ctx.auth, change.guildId, change.body);
    await ctx.reply.send({ content: renderSaved(`Saved ${SUBJECT}.`, changeRows(fields, change.body, change.before, saved.value), saved), components: [] });
  },
});

export const editServerSettings = subcommand({
  description: "Change your system's settings in this server",
  options: { ...fields, clear: clearField({ tag, display_name, avatar, name_format }, 'Clear one setting, so your system-wide one applies (asks first)') },
  needs: { token: true, server: true },
  async run(ctx, { clear, ...given }) {
    if (clear !== undefined && (given as Record<string, unknown>)[clear] !== undefined) {
      throw new UserFacingError(`You gave \`${clear}\` a value and asked to clear it; use one or the other.`);
    }
    const body = patchFrom(fields, given, clear);
    if (Object.keys(body).length === 0) throw new UserFacingError('Give a setting to change, or `clear`. `/system server view` shows the current ones.');
    const before = await readServerSettings(ctx.services, ctx.auth, ctx.guildId);
    if (clear !== undefined) {
      const label = (fields as Record<string, AnyField>)[clear]?.label ?? clear;
      await confirmClear.ask(ctx, { guildId: ctx.guildId, body, before }, { content: renderClearPrompt("your system's", label, changeRows(fields, body, before, body)) });
      return;
    }
    const saved = await updateServerSettings(ctx.services, ctx.auth, ctx.guildId, body);
    const notes = [nameFormatWarning(given.name_format)].filter((note) => note !== null);
    await ctx.reply.send({ content: renderSaved(`Saved ${SUBJECT}.`, changeRows(fields, body, before, saved.value), { readBack: saved.readBack, notes }) });
  },
});

export const serverEditConfirmations = [confirmClear];
