import { z } from 'zod';
import type { CommandContext } from '../../src/framework/command.js';
import { settingsFormFields } from '../shared/fields/settings.js';
import { form } from '../../src/framework/form.js';
import type { SystemSettingsView } from '../../src/pluralkit/models.js';
import type { SystemSettingsPatch } from '../../src/pluralkit/requests.js';
import { renderSaved } from '../../src/render/changes.js';
import { nameFormatWarning } from '../../src/render/saved.js';
import { DEFAULT_NAME_FORMAT } from '../../src/system/settings-catalogue.js';
import { updateOwnSettings } from '../../src/system/writes.js';

const fields = settingsFormFields();
const TEMPLATE_KEYS = ['template_1', 'template_2', 'template_3'] as const;

/** `/system settings edit` with no option: the name format and the three description templates. */
export const settingsForm = form({
  id: 'system.settings',
  fields,
  schema: z.object({ nameFormat: z.string(), templates: z.array(z.string()) }),
  async submit(ctx, state, changes) {
    const body: SystemSettingsPatch = {};
    if (changes.name_format !== undefined) body.name_format = changes.name_format;
    if (TEMPLATE_KEYS.some((key) => changes[key] !== undefined)) {
      body.description_templates = TEMPLATE_KEYS.map((key, index) => (changes[key] === undefined ? (state.templates[index] ?? null) : changes[key])).filter((text) => text != null);
    }
    const saved = await updateOwnSettings(ctx.services, ctx.userId, ctx.auth, body);
    const after = saved.value.description_templates ?? [];
    const rows = [
      { label: 'Name format', before: state.nameFormat, after: saved.value.name_format ?? DEFAULT_NAME_FORMAT },
      ...TEMPLATE_KEYS.map((_, index) => ({ label: `Description template ${index + 1}`, before: state.templates[index] ?? null, after: after[index] ?? null })),
    ];
    const notes = [nameFormatWarning(body.name_format)].filter((note) => note !== null);
    await ctx.reply.send({ content: renderSaved('Saved your settings.', rows, { readBack: saved.readBack, notes }) });
  },
});

export async function openSettingsForm(ctx: CommandContext, before: SystemSettingsView): Promise<void> {
  const nameFormat = before.name_format ?? DEFAULT_NAME_FORMAT;
  const templates = before.description_templates ?? [];
  await settingsForm.open(ctx, {
    title: 'Name format and description templates',
    state: { nameFormat, templates },
    values: { name_format: nameFormat, template_1: templates[0] ?? null, template_2: templates[1] ?? null, template_3: templates[2] ?? null },
  });
}

