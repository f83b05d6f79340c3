import { z } from 'zod';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { clearField } from '../shared/fields/profile.js';
import { systemProfileFields } from '../shared/fields/system.js';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import type { AnyField } from '../../src/framework/fields.js';
import { changeRows, patchFrom } from '../../src/framework/patch.js';
import { renderSaved } from '../../src/render/changes.js';
import { renderClearPrompt } from '../../src/render/saved.js';
import { updateOwnSystem } from '../../src/system/writes.js';
import { editForm } from './edit-form.js';

const fields = systemProfileFields();
const Stored = z.record(z.string(), z.unknown());

const confirmClear = confirmation({
  id: 'system.clear',
  label: 'Clear',
  danger: true,
  schema: z.object({ body: Stored, before: Stored }),
  async run(ctx, change) {
    const saved = await updateOwnSystem(ctx.services, ctx.auth, change.body);
    await ctx.reply.send({ content: renderSaved('Saved your system.', changeRows(fields, change.body, change.before, saved.value), saved), components: [] });
  },
});

export const editSystem = subcommand({
  description: 'Change your system: name, description, tag, pronouns, colour, avatar, banner',
  options: { ...fields, clear: clearField(fields) },
  needs: { token: true },
  help: 'With no option, a form opens prefilled with your name, tag, pronouns, colour and description (an emptied box is cleared)',
  async run(ctx, { clear, ...given }) {
    if (clear !== undefined && (given as Record<string, unknown>)[clear] !== undefined) {
      throw new UserFacingError(`You gave \`${clear}\` a value and asked to clear it; use one or the other.`);
    }
    const body = patchFrom(fields, given, clear);
    const before = await ctx.services.pluralkit.getSystem('@me', { token: ctx.auth.token });
    if (Object.keys(body).length === 0) {
      const values = { name: before.name, tag: before.tag, pronouns: before.pronouns, color: before.color && `#${before.color}`, description: before.description };
      await editForm.open(ctx, { title: 'Edit your system', state: { before }, values });
      return;
    }
    if (clear !== undefined) {
      const label = (fields as Record<string, AnyField>)[clear]?.label ?? clear;
      await confirmClear.ask(ctx, { body, before }, { content: renderClearPrompt("your system's", label, changeRows(fields, body, before, body)) });
      return;
    }
    const saved = await updateOwnSystem(ctx.services, ctx.auth, body);
    await ctx.reply.send({ content: renderSaved('Saved your system.', changeRows(fields, body, before, saved.value), saved) });
  },
});

export const editConfirmations = [confirmClear];
export const editForms = [editForm];
