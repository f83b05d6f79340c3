import { refuse } from '../../src/core/refusal.js';
import { privacyLevelField, privacySubjectField } from '../shared/fields/system.js';
import { subcommand } from '../../src/framework/command-table.js';
import { renderSaved } from '../../src/render/changes.js';
import { privacyEffect, privacyRows, renderSystemPrivacy } from '../../src/render/system-privacy.js';
import { privacyPatch, subjectsFor, SYSTEM_PRIVACY_SUBJECTS } from '../../src/system/privacy-subjects.js';
import { updateOwnSystem } from '../../src/system/writes.js';

export const systemPrivacy = subcommand({
  description: 'Who sees what of your system: one subject, all, or an overview',
  options: { subject: privacySubjectField(), level: privacyLevelField() },
  needs: { token: true },
  help: 'Without `level` it shows the current privacy (of one subject, or of all nine)',
  async run(ctx, args) {
    if (args.level !== undefined && args.subject === undefined) {
      refuse('privacy.subject-needed', { level: args.level, every: 'All of them' });
    }
    const before = await ctx.services.pluralkit.getSystem('@me', { token: ctx.auth.token });
    const subjects = args.subject === undefined ? SYSTEM_PRIVACY_SUBJECTS : subjectsFor(args.subject);
    if (args.level === undefined) {
      await ctx.reply.send({ embeds: [renderSystemPrivacy(before.privacy, subjects, before.color)] });
      return;
    }
    const changing = subjects.filter((entry) => before.privacy?.[entry.key] !== args.level);
    if (changing.length === 0) {
      await ctx.reply.send({ content: `Nothing changed: ${subjects.length === 1 ? 'it is' : 'they are all'} ${args.level} already.` });
      return;
    }
    const saved = await updateOwnSystem(ctx.services, ctx.auth, privacyPatch(changing, args.level));
    await ctx.services.frontHistory.invalidate(ctx.auth.systemId);
    const rows = privacyRows(changing, before.privacy, saved.value.privacy);
    await ctx.reply.send({ content: renderSaved('Saved your privacy.', rows, { readBack: saved.readBack, notes: [privacyEffect(changing, args.level)] }) });
  },
});
