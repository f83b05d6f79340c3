import { z } from 'zod';
import { systemFormFields } from '../shared/fields/system.js';
import { form } from '../../src/framework/form.js';
import { changeRows, patchFrom } from '../../src/framework/patch.js';
import { renderSaved } from '../../src/render/changes.js';
import { updateOwnSystem } from '../../src/system/writes.js';

const formFields = systemFormFields();

/** `/system edit` with no option: the text fields, prefilled; an emptied box clears that field. */
export const editForm = form({
  id: 'system.edit',
  fields: formFields,
  schema: z.object({ before: z.record(z.string(), z.unknown()) }),
  async submit(ctx, state, changes) {
    const body = patchFrom(formFields, changes);
    const saved = await updateOwnSystem(ctx.services, ctx.auth, body);
    await ctx.reply.send({ content: renderSaved('Saved your system.', changeRows(formFields, body, state.before, saved.value), saved) });
  },
});
