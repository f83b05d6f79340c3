import { z } from 'zod';
import { refuse } from '../../src/core/refusal.js';
import { clearField } from '../shared/fields/profile.js';
import { serverFields } from '../shared/fields/system.js';
import { clearableEdit } from '../../src/framework/clearable.js';
import { subcommand } from '../../src/framework/command-table.js';
import { changeRows, patchFrom } from '../../src/framework/patch.js';
import { renderSaved } from '../../src/render/changes.js';
import { nameFormatWarning } from '../../src/render/saved.js';
import { readServerSettings } from '../../src/system/server.js';
import { updateServerSettings } from '../../src/system/writes.js';

const fields = serverFields();
const { tag, display_name, avatar, name_format } = fields;
const SUBJECT = 'your settings in this server';

const clearing = clearableEdit({
  id: 'system.server-clear',
  fields,
  target: z.object({ guildId: z.string() }),
  needs: { token: true },
  async read(ctx, { guildId }) {
    return { stored: await readServerSettings(ctx.services, ctx.auth, guildId), subject: { kind: 'server-settings' } };
  },
  async save(ctx, { guildId }, body, before) {
    const saved = await updateServerSettings(ctx.services, ctx.auth, guildId, body);
    const notes = [nameFormatWarning(typeof body.name_format === 'string' ? body.name_format : undefined)].filter((note) => note !== null);
    await ctx.reply.send({ content: renderSaved(`Saved ${SUBJECT}.`, changeRows(fields, body, before, saved.value), { readBack: saved.readBack, notes }), components: [] });
  },
});

export const editServerSettings = subcommand({
  description: "Change your system's settings in this server",
  options: { ...fields, clear: clearField({ tag, display_name, avatar, name_format }, 'Clear one setting, so your system-wide one applies (asks first)') },
  needs: { token: true, server: true },
  flows: [clearing.flow],
  async run(ctx, { clear, ...given }) {
    clearing.check(given, clear);
    const body = patchFrom(fields, given, clear);
    if (Object.keys(body).length === 0) refuse('edit.nothing-given', { options: Object.keys(fields).concat('clear'), viewWith: '/system server view' });
    const before = await readServerSettings(ctx.services, ctx.auth, ctx.guildId);
    await clearing.apply(ctx, { target: { guildId: ctx.guildId }, body, clear, before, whose: "your system's" });
  },
});
