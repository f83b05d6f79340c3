import { z } from 'zod';
import { refuse } from '../../src/core/refusal.js';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation } from '../../src/framework/confirm.js';
import { throttledProgress, workDeadline } from '../../src/framework/progress.js';
import { downloadAttachment, DOWNLOAD_TIMEOUT_MS } from '../../src/fronts/download.js';
import { prepareImport, recheckImport } from '../../src/fronts/import-preview.js';
import { IMPORT_LIMITS } from '../../src/fronts/limits.js';
import { importPreviewEmbed } from '../../src/render/front-import.js';
import { readingProgressText } from '../../src/render/stats-reply.js';
import { importFileField, importSourceField } from '../shared/fields/fronts.js';
import { followImport } from './follow.js';

const confirmImport = confirmation({
  id: 'import.fronts',
  label: 'Import switches',
  schema: z.object({ jobId: z.string() }),
  async reread(ctx, { jobId }) {
    const { shown, job } = await recheckImport(ctx.services, ctx.auth, jobId);
    return { shown, subject: { kind: 'front-history' }, current: job };
  },
  async run(ctx, _payload, job) {
    await ctx.reply.defer();
    const started = await ctx.services.imports.begin(job.id);
    if (!started.ok) return started.reason === 'busy' ? refuse('import.busy', { done: started.running.next, total: started.running.total }) : refuse('import.preview-gone', {});
    await followImport(ctx, started.job);
  },
});

export const importFronts = subcommand({
  description: 'Add front history from a PluralKit, Simply Plural or Octocon export file to PluralKit',
  options: { file: importFileField(), source: importSourceField() },
  needs: { token: true },
  flows: [confirmImport],
  help: 'shows what would be added first (matched and unmatched members, switches PluralKit already has); runs in the background, `/import status` shows how far it got',
  async run(ctx, args) {
    const attachment = ctx.interaction.kind === 'command' ? ctx.interaction.options.attachments[args.file] : undefined;
    // Only the file Discord resolved for this interaction is ever downloaded.
    if (!attachment) refuse('import.no-attachment', {});
    const deadline = workDeadline();
    await ctx.reply.defer();
    const bytes = await downloadAttachment(attachment, { maxBytes: IMPORT_LIMITS.maxBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    const prepared = await prepareImport(ctx.services, {
      userId: ctx.userId,
      auth: ctx.auth,
      bytes,
      choice: args.source ?? 'auto',
      now: new Date(),
      deadline,
      onProgress: throttledProgress(ctx, (read: number) => ({ content: readingProgressText(read) })),
    });
    const embed = importPreviewEmbed(prepared.preview);
    if (!prepared.job) return ctx.reply.send({ embeds: [embed] });
    await confirmImport.ask(ctx, { payload: { jobId: prepared.job.id }, shown: prepared.shown, prompt: { embeds: [embed] } });
  },
});
