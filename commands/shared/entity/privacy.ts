import { refuse } from '../../../src/core/refusal.js';
import type { Entity } from '../../../src/entities/kinds.js';
import { ALL_SUBJECTS, PRIVACY_LEVELS, privacyBody, privacyChangeRows, privacyLevels } from '../../../src/entities/privacy.js';
import { updateEntity } from '../../../src/entities/writes.js';
import { renderSaved } from '../../../src/render/changes.js';
import { namedWithId } from '../../../src/render/format.js';
import { privacySubjectLabel, renderPrivacyOverview } from '../../../src/render/privacy.js';
import { resolveOwn } from '../../../src/access/own-system.js';
import { subcommand, type Subcommand } from '../../../src/framework/command-table.js';
import { choice } from '../../../src/framework/fields.js';
import type { EntityCommandKind } from './kinds.js';

/**
 * `/member privacy`, `/group privacy`: one subject or `all` set to a level in one PATCH; without a
 * level, an overview of every subject (read fresh, one request).
 */
export function privacySubcommand(command: EntityCommandKind): Subcommand {
  const { kind } = command;
  const subjects = [...Object.keys(kind.privacySubjects), ALL_SUBJECTS];
  return subcommand({
    description: `Who can see what of a ${kind.name}; without subject and level, shows every subject`,
    options: {
      [kind.name]: command.one(`The ${kind.name}`),
      subject: choice({ description: 'What to change (all: every subject)', choices: subjects }),
      level: choice({ description: 'public: everyone can see it; private: only you', choices: PRIVACY_LEVELS }),
    },
    needs: { token: true },
    async run(ctx, options) {
      const args = options as { subject?: string; level?: (typeof PRIVACY_LEVELS)[number] } & Record<string, unknown>;
      const entity: Entity = await resolveOwn(ctx.services, kind.plural, ctx.userId, ctx.auth, String(args[kind.name]));
      if (args.level === undefined) {
        const current = await kind.get(ctx.services, entity.uuid, { token: ctx.auth.token });
        const overview = { noun: kind.name, name: current.name, id: current.id, color: current.color, levels: privacyLevels(kind, current) };
        await ctx.reply.send({ embeds: [renderPrivacyOverview(overview)] });
        return;
      }
      if (args.subject === undefined) refuse('privacy.subject-needed', { level: args.level, every: 'all' });
      const body = privacyBody(kind, args.subject, args.level);
      const { value: after, readBack } = await updateEntity(ctx.services, kind, ctx.userId, ctx.auth, entity.uuid, body);
      const rows = privacyChangeRows(kind, body, entity, after, privacySubjectLabel);
      await ctx.reply.send({ content: renderSaved(`Privacy of ${namedWithId(after)}:`, rows, { readBack }) });
    },
  });
}
