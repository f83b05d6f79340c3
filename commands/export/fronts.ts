import { subcommand } from '../../src/framework/command-table.js';
import { throttledProgress, workDeadline } from '../../src/framework/progress.js';
import { TARGET_FIELDS } from '../../src/framework/target.js';
import { DiscordLimits } from '../../src/core/discord-limits.js';
import { exportFrontHistory, exportTarget } from '../../src/fronts/export.js';
import { exportFileDescription, frontExportText } from '../../src/render/front-export.js';
import { readingProgressText } from '../../src/render/stats-reply.js';
import { exportFormatField, exportRangeField } from '../shared/fields/fronts.js';

export const exportFronts = subcommand({
  description: 'Your front history (or a public one) as a CSV or JSON file',
  options: { format: exportFormatField(), range: exportRangeField(), user: TARGET_FIELDS.user, system: TARGET_FIELDS.system },
  help: 'one row per switch: start, end, member IDs and names, duration; your own system as you see it, another system as PluralKit shows it publicly',
  async run(ctx, args) {
    const format = args.format ?? 'csv';
    const deadline = workDeadline();
    await ctx.reply.defer();
    const target = await exportTarget(ctx.services, ctx.userId, { ...(args.user ? { user: args.user } : {}), ...(args.system ? { system: args.system } : {}) });
    const result = await exportFrontHistory(ctx.services, {
      userId: ctx.userId,
      target,
      range: args.range,
      format,
      deadline,
      onProgress: throttledProgress(ctx, (read: number) => ({ content: readingProgressText(read) })),
    });
    const files = result.files.map((file, index) => ({ name: file.name, data: file.data, description: exportFileDescription(file.rows, index + 1, result.files.length) }));
    // A message carries at most ten files; more (a history of millions of switches) follow in further messages.
    for (let first = 0; first < files.length; first += DiscordLimits.attachmentsPerMessage) {
      const batch = files.slice(first, first + DiscordLimits.attachmentsPerMessage);
      await ctx.reply.send(first === 0 ? { content: frontExportText(result, format), files: batch } : { files: batch });
    }
  },
});
