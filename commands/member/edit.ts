import { refuse } from '../../src/core/refusal.js';
import { MEMBER_COMMAND } from '../shared/entity/kinds.js';
import { editSubcommand } from '../shared/entity/edit.js';
import { proxyField } from '../shared/fields/profile.js';
import { describedAs, type Field } from '../../src/framework/fields.js';
import { MEMBERS } from '../../src/entities/kinds.js';
import { withProxyTagChanges } from '../../src/entities/proxy-tags.js';
import type { ProxyTagInput } from '../../src/input/proxy-template.js';

/** A proxy template option that writes no PATCH key itself (the handler merges it into the tags). */
function singleTag(description: string): Field<ProxyTagInput, false> {
  const { patch: _patch, ...tag } = proxyField();
  return describedAs(tag, description);
}

/**
 * `/member edit member [name] [display_name] [pronouns] [description] [color] [birthday] [avatar]
 * [banner] [proxy] [keep_proxy] [tts] [add_proxy] [remove_proxy] [clear]`: one PATCH
 * /members/{ref}. `proxy` replaces every tag; `add_proxy`/`remove_proxy` change one, from the
 * member's tags read fresh (PluralKit only replaces the whole list). `clear` asks first; no field
 * option opens a form with the current name, display name, pronouns, birthday and description.
 */
export const editMember = editSubcommand(MEMBER_COMMAND, {
  description: 'Change a member; with no field options a form opens',
  help: 'Without field options a form opens with the current name, display name, pronouns, birthday and description (empty an input to clear it)',
  extra: {
    add_proxy: singleTag('Add one proxy tag, e.g. [text] (keeps the others)'),
    remove_proxy: singleTag('Remove one proxy tag, e.g. [text]'),
  },
  async extend(ctx, entity, args, body) {
    const add = args.add_proxy as ProxyTagInput | undefined;
    const remove = args.remove_proxy as ProxyTagInput | undefined;
    if (!add && !remove) return { before: entity, body };
    if (body.proxy_tags !== undefined) refuse('proxy.replace-and-change', {});
    const current = await MEMBERS.get(ctx.services, entity.uuid, { token: ctx.auth.token });
    return { before: current, body: { ...body, proxy_tags: withProxyTagChanges(current.proxy_tags, add, remove) } };
  },
});
