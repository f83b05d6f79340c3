import type { APIEmbed } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import type { EntryRefusalReason, FileMember } from '../fronts/front-file.js';
import { toEpochMillis } from '../fronts/instant.js';
import type { ImportPreview, TimeSpan } from '../fronts/plan.js';
import { FRONT_SOURCES, type FrontSource } from '../fronts/source.js';
import type { ImportJobRecord } from '../stores/import-jobs/import-job-store.js';
import { joinWithin } from '../text/list-fit.js';
import { safeName, inlineCode } from '../text/markdown.js';
import { truncate } from '../text/truncate.js';
import { frontSourceName } from './front-source.js';

/** Names shown per list before "and N more". */
const LIST_CHARACTERS = 900;
const NAME_SHOWN = 60;

const REFUSED: Record<EntryRefusalReason, string> = {
  'invalid-time': 'a time that is not a date and time',
  'ends-before-start': 'ending before they start',
  'no-end': 'ended but without an end time',
  'unknown-member': 'for a member the file does not list',
  'duplicate-time': 'a second switch at the same instant (PluralKit keeps one per instant)',
  future: 'in the future',
  'too-early': 'before 2018, when PluralKit began (a typo or a missing date)',
  'too-many-members': 'with more than 150 members at once (PluralKit’s limit)',
};

const FAILURES: Record<string, string> = {
  'same-fronters': 'the same fronters as the switch before it',
  'member-gone': 'a member no longer in your system',
  'outcome-unknown': 'PluralKit did not confirm it and could not be asked',
  'write.not-saved': 'PluralKit could not take it, after several tries',
};

const STOPS: Record<string, string> = {
  'token-removed': 'your PluralKit token was removed from Switchboard (or now belongs to another system)',
  'token-invalid': 'PluralKit no longer accepts your token',
};

/** A stored job's source app (stored as text). */
function sourceName(source: string): string {
  return (FRONT_SOURCES as readonly string[]).includes(source) ? frontSourceName(source as FrontSource) : source;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function span(range: TimeSpan | null): string {
  return range ? `${day(range.first)} → ${day(range.last)}` : '—';
}

/** A member as the file names it, escaped (file names are untrusted). */
function fileMemberName(member: FileMember): string {
  const name = member.name ?? member.displayName;
  return name ? safeName(truncate(name, NAME_SHOWN)) : `(no name, ${inlineCode(truncate(member.key, 30))})`;
}

function nameList(items: readonly string[]): string {
  return joinWithin(items, ', ', LIST_CHARACTERS, (hidden) => ` and ${hidden.toLocaleString('en')} more`) || '—';
}

function failureText(reason: string): string {
  return FAILURES[reason] ?? (reason.startsWith('pluralkit-') ? `PluralKit refused it (${reason.slice('pluralkit-'.length)})` : reason);
}

/** The preview before Confirm: what the file holds and what the import would add. */
export function importPreviewEmbed(preview: ImportPreview): APIEmbed {
  const fields: APIEmbed['fields'] = [
    { name: 'Switches to add', value: `**${preview.toAdd.toLocaleString('en')}** (${span(preview.span)})`, inline: true },
    { name: 'In the file', value: `${count(preview.fileSwitches, 'switch', 'switches')} from ${count(preview.entries, 'entry', 'entries')} (${span(preview.fileSpan)})`, inline: true },
    {
      name: `Matched members (${preview.matched.length})`,
      value: nameList(preview.matched.map((match) => `${fileMemberName(match.file)} → ${safeName(truncate(match.member.name, NAME_SHOWN))}${match.by === 'id' ? '' : ` (by ${match.by === 'name' ? 'name' : 'display name'})`}`)),
    },
  ];
  if (preview.unmatched.length > 0 || preview.ambiguous.length > 0) {
    const lines = [
      ...preview.unmatched.map((entry) => `${fileMemberName(entry.file)} (${count(entry.switches, 'switch', 'switches')})`),
      ...preview.ambiguous.map((entry) => `${fileMemberName(entry.file)} (fits ${entry.candidates.length} of your members)`),
    ];
    fields.push({ name: `Not matched, left out (${lines.length})`, value: `${nameList(lines)}\nCreate or rename them in PluralKit first to include them; Switchboard never creates members.` });
  }
  if (preview.customFronts.length > 0) {
    fields.push({ name: 'Custom fronts (not imported)', value: nameList(preview.customFronts.map((custom) => `${custom.name === null ? '(deleted)' : safeName(truncate(custom.name, NAME_SHOWN))} (${count(custom.entries, 'entry', 'entries')})`)) });
  }
  const skipped = [
    preview.alreadyPresent > 0 ? `${count(preview.alreadyPresent, 'switch', 'switches')} PluralKit already has at the same time${preview.alreadyPresentDiffering > 0 ? ` (${preview.alreadyPresentDiffering.toLocaleString('en')} with other members than the file)` : ''}` : null,
    preview.unchanged > 0 ? `${count(preview.unchanged, 'switch', 'switches')} that would not change who is fronting` : null,
  ].filter((line): line is string => line !== null);
  if (skipped.length > 0) fields.push({ name: 'Skipped', value: skipped.join('\n') });
  if (preview.refused.length > 0) {
    fields.push({
      name: 'Refused entries',
      value: preview.refused.map((entry) => `${count(entry.count, 'entry', 'entries')} ${REFUSED[entry.reason]}${entry.firstAt !== null ? ` (first ${new Date(toEpochMillis(entry.firstAt)).toISOString().slice(0, 16).replace('T', ' ')} UTC)` : ''}`).join('\n'),
    });
  }
  return {
    title: `Import from ${frontSourceName(preview.source)}`,
    description:
      preview.toAdd === 0
        ? 'Nothing to add: PluralKit already has every switch of this file that can be imported.'
        : `Confirm to add these switches to your PluralKit front history, oldest first, at PluralKit’s pace of about 3 a second (${importDuration(preview.toAdd)}).${preview.missingMembers > 0 ? ` ${count(preview.missingMembers, 'switch', 'switches')} leave out unmatched members.` : ''}`,
    fields: fields.slice(0, DiscordLimits.embedFields),
  };
}

/** How long `switches` writes take at PluralKit's own-system write budget (3 a second). */
function importDuration(switches: number): string {
  const minutes = Math.ceil(switches / 3 / 60);
  return minutes <= 1 ? 'about a minute' : minutes < 120 ? `about ${minutes} minutes` : `about ${Math.round(minutes / 60)} hours`;
}

function progressLine(job: ImportJobRecord): string {
  const percent = job.total === 0 ? 100 : Math.floor((job.next / job.total) * 100);
  return `${job.next.toLocaleString('en')} of ${job.total.toLocaleString('en')} switches (${percent}%): ${job.added.toLocaleString('en')} added, ${job.skipped.toLocaleString('en')} already there, ${job.failed.toLocaleString('en')} failed`;
}

/** While the job runs. */
export function importProgressText(job: ImportJobRecord): string {
  return `⏳ Importing… ${progressLine(job)}.`;
}

/** When the interaction can no longer show progress but the job goes on. */
export function importContinuesText(job: ImportJobRecord): string {
  return `⏳ The import goes on in the background: ${progressLine(job)}. \`/import status\` shows how far it got, and the summary when it is done.`;
}

/** The end of a job (or where it stands), for the Confirm's reply and `/import status`. */
export function importSummaryText(job: ImportJobRecord): string {
  const head =
    job.status === 'done'
      ? `✅ Import from ${sourceName(job.source)} finished: ${count(job.added, 'switch', 'switches')} added, ${job.skipped.toLocaleString('en')} already there (skipped), ${job.failed.toLocaleString('en')} failed.`
      : job.status === 'stopped'
        ? `⚠️ The import stopped because ${STOPS[job.stopReason ?? ''] ?? job.stopReason}: ${progressLine(job)}. The rest was not imported; run \`/import fronts\` again to add it (what is there is skipped).`
        : `⏳ Import from ${sourceName(job.source)} running: ${progressLine(job)}.`;
  const failures = job.failures.map((failure) => `- ${failure.timestamp}: ${failureText(failure.reason)}`);
  const more = job.failed > job.failures.length ? [`… and ${(job.failed - job.failures.length).toLocaleString('en')} more.`] : [];
  return [head, ...(failures.length > 0 ? ['Failed:', ...failures, ...more] : [])].join('\n');
}

/** `/import status` without any import. */
export const NO_IMPORT_TEXT = 'Your system has no import yet. `/import fronts` imports front history from a PluralKit, Simply Plural or Octocon export.';
