import { z } from 'zod';
import { clearField } from '../shared/fields/profile.js';
import { systemProfileFields } from '../shared/fields/system.js';
import { clearableEdit } from '../../src/framework/clearable.js';
import { subcommand } from '../../src/framework/command-table.js';
import { changeRows, patchFrom } from '../../src/framework/patch.js';
import { renderSaved } from '../../src/render/changes.js';
import { updateOwnSystem } from '../../src/system/writes.js';
import { editForm } from './edit-form.js';

const fields = systemProfileFields();

const clearing = clearableEdit({
  id: 'system.clear',
  fields,
  target: z.object({}),
  needs: { token: true },
  async read(ctx) {
    return { stored: await ctx.services.pluralkit.getSystem('@me', { token: ctx.auth.token }), subject: { kind: 'system' } };
  },
  async save(ctx, _target, body, before) {
    const saved = await updateOwnSystem(ctx.services, ctx.auth, body);
    await ctx.reply.send({ content: renderSaved('Saved your system.', changeRows(fields, body, before, saved.value), saved), components: [] });
  },
});

export const editSystem = subcommand({
  description: 'Change your system: name, description, tag, pronouns, colour, avatar, banner',
  options: { ...fields, clear: clearField(fields) },
  needs: { token: true },
  flows: [clearing.flow, editForm],
  help: 'With no option, a form opens prefilled with your name, tag, pronouns, colour and description (an emptied box is cleared)',
  async run(ctx, { clear, ...given }) {
    clearing.check(given, clear);
    const body = patchFrom(fields, given, clear);
    const before = await ctx.services.pluralkit.getSystem('@me', { token: ctx.auth.token });
    if (Object.keys(body).length === 0) {
      const values = { name: before.name, tag: before.tag, pronouns: before.pronouns, color: before.color && `#${before.color}`, description: before.description };
      await editForm.open(ctx, { title: 'Edit your system', state: { before }, values });
      return;
    }
    await clearing.apply(ctx, { target: {}, body, clear, before, whose: "your system's" });
  },
});
