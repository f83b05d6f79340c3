import { ApplicationCommandOptionType, ApplicationCommandType, ButtonStyle, ComponentType, escapeMarkdown, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { z } from 'zod';
import type { AutocompleteContext, CommandContext, CommandModule } from '../src/discord/command.js';
import { acceptConfirmation, CANCEL_ACTION, confirmationRow } from '../src/discord/confirm.js';
import { EVERYWHERE } from '../src/discord/contexts.js';
import { encodeCustomId, type CustomId } from '../src/discord/custom-id.js';
import { collectOptions, parseOptions } from '../src/discord/options.js';
import { TARGET_OPTIONS, TargetOptionsSchema } from '../src/discord/target-options.js';
import { UserFacingError } from '../src/core/user-facing-error.js';
import { visibilityFor } from '../src/core/visibility.js';
import type { Member, Switch } from '../src/pluralkit/models.js';
import { publicMember } from '../src/pluralkit/privacy.js';
import { renderSwitchHistory } from '../src/render/switch-history.js';
import { autocompleteChoices } from '../src/resolve/autocomplete.js';
import { resolveEntityList } from '../src/resolve/resolve.js';
import { ExpiringStore } from '../src/session/expiring-store.js';
import { resolveReadTarget, requireToken } from '../src/session/read-target.js';
import { storedTokenFor } from '../src/session/stored-token.js';
import { checkSwitchMembers, checkSwitchTime } from '../src/switches/guards.js';
import { discordTimestamp } from '../src/time/format.js';
import { parseAt } from '../src/time/parse-at.js';

const MODULE = 'switch';
const HISTORY_PAGE_SIZE = 10;
const PROMPT_TTL_MS = 5 * 60 * 1000;
const HISTORY_VIEW_TTL_MS = 15 * 60 * 1000;
/** A cold member list may load this long before autocomplete answers with nothing. */
const AUTOCOMPLETE_LOAD_WAIT_MS = 2000;

type PendingChange =
  | { kind: 'edit'; userId: string; switchId: string; memberIds: string[]; names: string }
  | { kind: 'move'; userId: string; switchId: string; at: string }
  | { kind: 'delete'; userId: string; switchId: string };

interface HistoryView {
  userId: string;
  systemRef: string;
  token: string | undefined;
  ownSystem: boolean;
  label: string;
  /** `before` cursor of each page seen so far; page 0 starts at "now". */
  cursors: Array<string | undefined>;
  /** The newer neighbour of each page's first switch, for its duration. */
  endedAt: Array<string | null>;
}

const pendingChanges = new ExpiringStore<PendingChange>(PROMPT_TTL_MS);
const historyViews = new ExpiringStore<HistoryView>(HISTORY_VIEW_TTL_MS);

const MembersSchema = z.object({ members: z.string().trim().min(1).max(6000), at: z.string().trim().min(1).max(100).optional() });
const AtSchema = z.object({ at: z.string().trim().min(1).max(100).optional() });
const MoveSchema = z.object({ at: z.string().trim().min(1).max(100) });

function names(members: readonly Pick<Member, 'name'>[]): string {
  return members.length === 0 ? '*no fronter* (switch-out)' : members.map((m) => `**${escapeMarkdown(m.name)}**`).join(', ');
}

/** Guard messages name members, not IDs. */
function describeAmong(members: readonly Member[]): (id: string) => string {
  const byId = new Map(members.map((m) => [m.id, m.name]));
  return (id) => `**${escapeMarkdown(byId.get(id) ?? id)}**`;
}

function ownAuth(ctx: CommandContext | AutocompleteContext): { token: string; systemId: string } {
  return requireToken(ctx.services, ctx.userId);
}

async function readAt(ctx: CommandContext, auth: { token: string; systemId: string }, at: string | undefined): Promise<Date | undefined> {
  if (at === undefined) return undefined;
  const timeZone = await ctx.services.directory.timezone(ctx.userId, auth);
  const parsed = parseAt(at, { now: new Date(), timeZone });
  if (!parsed.ok) throw new UserFacingError(parsed.message);
  if (parsed.zoneFellBack) ctx.log.warn({ timeZone }, 'system time zone not recognised; read the time in UTC');
  return parsed.date;
}

async function resolveMembers(ctx: CommandContext, auth: { token: string; systemId: string }, input: string): Promise<Member[]> {
  let resolved = resolveEntityList(input, await ctx.services.directory.ownMembers(ctx.userId, auth), 'member');
  if (!resolved.ok) {
    // The cached list may predate members created with PluralKit itself: look once more, fresh.
    ctx.services.directory.forgetMembers(ctx.userId, auth);
    resolved = resolveEntityList(input, await ctx.services.directory.ownMembers(ctx.userId, auth), 'member');
  }
  if (!resolved.ok) throw new UserFacingError(resolved.message);
  return resolved.entities;
}

/** `membersInput` null: a switch-out. */
async function registerSwitch(ctx: CommandContext, membersInput: string | null, atInput: string | undefined): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'write' }));
  const auth = ownAuth(ctx);
  const members = membersInput === null ? [] : await resolveMembers(ctx, auth, membersInput);
  const at = await readAt(ctx, auth, atInput);
  const current = await ctx.services.pluralkit.getFronters('@me', { token: auth.token });
  if (at) {
    const timeCheck = checkSwitchTime(at, { now: new Date(), latestSwitchAt: current ? new Date(current.timestamp) : null });
    if (!timeCheck.ok) throw new UserFacingError(timeCheck.message);
  }
  // PluralKit refuses an identical switch only when it would become the latest one.
  const becomesLatest = !at || !current || at.getTime() > Date.parse(current.timestamp);
  const check = checkSwitchMembers(
    members.map((m) => m.id),
    { currentFronterIds: becomesLatest && current ? current.members.map((m) => m.id) : null, describe: describeAmong(members) },
  );
  if (!check.ok) throw new UserFacingError(check.message);
  const created = await ctx.services.pluralkit.createSwitch(
    '@me',
    { members: members.map((m) => m.uuid), ...(at ? { timestamp: at } : {}) },
    { token: auth.token },
  );
  const when = new Date(created.timestamp);
  const lead = members.length === 0 ? '✅ Switch-out registered.' : `✅ Switch registered. Current fronter${members.length === 1 ? ' is' : 's are'} now ${names(members)}.`;
  const history = becomesLatest ? '' : '\n📝 It is earlier than your latest switch, so it was added to your front history and the current fronters did not change.';
  await ctx.reply.send({ content: `${lead}\nFrom ${discordTimestamp(when, 'f')} (${discordTimestamp(when, 'R')}).${history}` });
}

async function latestTwo(ctx: CommandContext, token: string): Promise<{ latest: Switch; previousAt: Date | null; previousMemberIds: string[] | null }> {
  const latest = await ctx.services.pluralkit.getFronters('@me', { token });
  if (!latest) throw new UserFacingError('Your system has no switches yet. Register one with `/switch new`.');
  const recent = await ctx.services.pluralkit.getSystemSwitches('@me', { limit: 2 }, { token });
  const previous = recent.find((entry) => entry.id !== latest.id) ?? null;
  return { latest, previousAt: previous ? new Date(previous.timestamp) : null, previousMemberIds: previous ? previous.members : null };
}

function confirmRow(ctx: CommandContext, change: PendingChange, label: string, danger = false): APIActionRowComponent<APIComponentInMessageActionRow> {
  const key = pendingChanges.put(change);
  return confirmationRow({ module: MODULE, action: change.kind, userId: ctx.userId, args: [key], confirmLabel: label, danger });
}

async function editLatest(ctx: CommandContext, membersInput: string): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'write' }));
  const auth = ownAuth(ctx);
  const members = await resolveMembers(ctx, auth, membersInput);
  const latest = await ctx.services.pluralkit.getFronters('@me', { token: auth.token });
  if (!latest) throw new UserFacingError('Your system has no switches yet. Register one with `/switch new`.');
  const check = checkSwitchMembers(members.map((m) => m.id), { currentFronterIds: latest.members.map((m) => m.id), describe: describeAmong(members) });
  if (!check.ok) throw new UserFacingError(check.message);
  const since = new Date(latest.timestamp);
  await ctx.reply.send({
    content: [
      `⚠️ Edit your latest switch (${discordTimestamp(since, 'f')}, ${discordTimestamp(since, 'R')})?`,
      `**Now:** ${names(latest.members)}`,
      `**After:** ${names(members)}`,
    ].join('\n'),
    components: [
      confirmRow(ctx, { kind: 'edit', userId: ctx.userId, switchId: latest.id, memberIds: members.map((m) => m.uuid), names: names(members) }, 'Edit switch'),
    ],
  });
}

async function moveLatest(ctx: CommandContext, atInput: string): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'write' }));
  const auth = ownAuth(ctx);
  const at = (await readAt(ctx, auth, atInput))!;
  const { latest, previousAt } = await latestTwo(ctx, auth.token);
  const check = checkSwitchTime(at, { now: new Date(), previousSwitchAt: previousAt, latestSwitchAt: new Date(latest.timestamp) });
  if (!check.ok) throw new UserFacingError(check.message);
  const from = new Date(latest.timestamp);
  await ctx.reply.send({
    content: [
      `⚠️ Move your latest switch (${names(latest.members)})?`,
      `**From:** ${discordTimestamp(from, 'f')} (${discordTimestamp(from, 'R')})`,
      `**To:** ${discordTimestamp(at, 'f')} (${discordTimestamp(at, 'R')})`,
    ].join('\n'),
    components: [confirmRow(ctx, { kind: 'move', userId: ctx.userId, switchId: latest.id, at: at.toISOString() }, 'Move switch')],
  });
}

async function deleteLatest(ctx: CommandContext): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'write' }));
  const auth = ownAuth(ctx);
  const { latest, previousAt, previousMemberIds } = await latestTwo(ctx, auth.token);
  let after = 'There are no other switches: your front history will be empty.';
  if (previousAt && previousMemberIds) {
    const members = await ctx.services.directory.ownMembers(ctx.userId, auth);
    const byId = new Map(members.map((m) => [m.id, m]));
    const previous = previousMemberIds.map((id) => byId.get(id) ?? { name: `deleted member (${id})` });
    after = `Then current: ${names(previous)} since ${discordTimestamp(previousAt, 'f')} (${discordTimestamp(previousAt, 'R')}).`;
  }
  const since = new Date(latest.timestamp);
  await ctx.reply.send({
    content: [`⚠️ Delete your latest switch: ${names(latest.members)} from ${discordTimestamp(since, 'f')} (${discordTimestamp(since, 'R')})?`, after].join('\n'),
    components: [confirmRow(ctx, { kind: 'delete', userId: ctx.userId, switchId: latest.id }, 'Delete switch', true)],
  });
}

async function applyChange(ctx: CommandContext, id: CustomId): Promise<void> {
  const [key] = acceptConfirmation(id, ctx.userId);
  const change = key ? pendingChanges.take(key) : undefined;
  if (!change || change.userId !== ctx.userId) throw new UserFacingError('This prompt has expired or was already answered. Run the command again.');
  const auth = ownAuth(ctx);
  const latest = await ctx.services.pluralkit.getFronters('@me', { token: auth.token });
  if (!latest || latest.id !== change.switchId) {
    await ctx.reply.send({ content: '❌ Your latest switch changed since this prompt was shown, so nothing was done. Run the command again.', components: [] });
    return;
  }
  if (change.kind === 'edit') {
    await ctx.services.pluralkit.updateSwitchMembers('@me', change.switchId, change.memberIds, { token: auth.token });
    await ctx.reply.send({ content: `✅ Switch edited. Current fronters: ${change.names}.`, components: [] });
  } else if (change.kind === 'move') {
    const at = new Date(change.at);
    await ctx.services.pluralkit.updateSwitch('@me', change.switchId, { timestamp: at }, { token: auth.token });
    await ctx.reply.send({ content: `✅ Switch moved to ${discordTimestamp(at, 'f')} (${discordTimestamp(at, 'R')}).`, components: [] });
  } else {
    await ctx.services.pluralkit.deleteSwitch('@me', change.switchId, { token: auth.token });
    await ctx.reply.send({ content: '✅ Switch deleted.', components: [] });
  }
}

/** Member names for history lines: public names in public views, hidden and deleted members handled. */
async function memberNames(ctx: CommandContext, view: HistoryView, ids: readonly string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const stored = storedTokenFor(ctx.services, ctx.userId);
  if (view.ownSystem && stored) {
    const members = await ctx.services.directory.ownMembers(ctx.userId, stored);
    for (const m of members) result.set(m.id, view.token ? m.name : publicMember(m).name);
    return result;
  }
  try {
    for (const m of await ctx.services.pluralkit.getSystemMembers(view.systemRef)) result.set(m.id, m.name);
  } catch {
    // A private member list: fall back to looking members up one by one below.
  }
  const missing = [...new Set(ids)].filter((id) => !result.has(id)).slice(0, 20);
  await Promise.all(
    missing.map(async (id) => {
      try {
        result.set(id, (await ctx.services.pluralkit.getMember(id)).name);
      } catch {
        // Deleted members stay unnamed.
      }
    }),
  );
  return result;
}

async function showHistoryPage(ctx: CommandContext, viewKey: string, view: HistoryView, page: number): Promise<void> {
  const before = view.cursors[page];
  const entries = await ctx.services.pluralkit.getSystemSwitches(
    view.systemRef,
    { ...(before ? { before } : {}), limit: HISTORY_PAGE_SIZE + 1 },
    view.token ? { token: view.token } : {},
  );
  const shown = entries.slice(0, HISTORY_PAGE_SIZE);
  const hasNext = entries.length > HISTORY_PAGE_SIZE;
  const last = shown[shown.length - 1];
  if (hasNext && last) {
    view.cursors[page + 1] = last.timestamp;
    view.endedAt[page + 1] = last.timestamp;
  }
  historyViews.update(viewKey, view);
  const nameById = await memberNames(ctx, view, shown.flatMap((entry) => entry.members));
  const rendered = shown.map((entry, index) => ({
    id: entry.id,
    timestamp: entry.timestamp,
    members: entry.members.map((id) => ({ id, name: nameById.get(id) ?? null })),
    endedAt: index === 0 ? (view.endedAt[page] ?? null) : shown[index - 1]!.timestamp,
  }));
  const buttons: APIActionRowComponent<APIComponentInMessageActionRow> = {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Previous', custom_id: encodeCustomId(MODULE, 'history', viewKey, page - 1), disabled: page === 0 },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next', custom_id: encodeCustomId(MODULE, 'history', viewKey, page + 1), disabled: !hasNext },
    ],
  };
  await ctx.reply.send({
    embeds: [renderSwitchHistory(rendered, { page, hasNext, hasPrevious: page > 0, now: new Date(), systemLabel: view.label })],
    components: page === 0 && !hasNext ? [] : [buttons],
  });
}

async function history(ctx: CommandContext, values: Record<string, unknown>): Promise<void> {
  const target = resolveReadTarget(ctx.services, ctx.userId, parseOptions(TargetOptionsSchema, values));
  ctx.reply.setVisibility(target.visibility);
  const view: HistoryView = {
    userId: ctx.userId,
    systemRef: target.systemRef,
    token: target.token,
    ownSystem: target.ownSystem,
    label: target.label,
    cursors: [undefined],
    endedAt: [null],
  };
  await showHistoryPage(ctx, historyViews.put(view), view, 0);
}

async function pageHistory(ctx: CommandContext, id: CustomId): Promise<void> {
  const [viewKey, pageText] = id.args;
  const view = viewKey ? historyViews.get(viewKey) : undefined;
  if (!view) throw new UserFacingError('This history view has expired. Run `/switch history` again.');
  if (view.userId !== ctx.userId) throw new UserFacingError(`Only <@${view.userId}> can page through this history; run \`/switch history\` yourself.`);
  const page = Number(pageText);
  if (!Number.isInteger(page) || page < 0 || page >= view.cursors.length) throw new UserFacingError('That page is not available.');
  await showHistoryPage(ctx, viewKey!, view, page);
}

const membersOption = (description: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name: 'members',
  description,
  required: true,
  autocomplete: true,
  max_length: 6000,
});
const atOption = (required: boolean) => ({
  type: ApplicationCommandOptionType.String as const,
  name: 'at',
  description: 'When: 30m, 2h, 1d12h (ago), 14:30, 2pm, 2026-05-01 14:30 — in your PluralKit time zone',
  required,
  max_length: 100,
});

export const switchCommand: CommandModule = {
  name: MODULE,
  definitions: [
    {
      type: ApplicationCommandType.ChatInput,
      name: 'switch',
      description: 'Log and fix switches',
      ...EVERYWHERE,
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: 'new', description: 'Register a switch', options: [membersOption('Who is fronting now, comma-separated'), atOption(false)] },
        { type: ApplicationCommandOptionType.Subcommand, name: 'out', description: 'Register a switch-out (no one fronting)', options: [atOption(false)] },
        { type: ApplicationCommandOptionType.Subcommand, name: 'edit', description: 'Replace the members of your latest switch', options: [membersOption('The members the latest switch should have')] },
        { type: ApplicationCommandOptionType.Subcommand, name: 'move', description: 'Move your latest switch to another time', options: [atOption(true)] },
        { type: ApplicationCommandOptionType.Subcommand, name: 'delete', description: 'Delete your latest switch' },
        { type: ApplicationCommandOptionType.Subcommand, name: 'history', description: 'Front history, newest first', options: [...TARGET_OPTIONS] },
      ],
    },
  ],

  async chatInput(ctx, interaction) {
    const { subcommand, values } = collectOptions(interaction);
    switch (subcommand) {
      case 'new': {
        const options = parseOptions(MembersSchema, values);
        return registerSwitch(ctx, options.members, options.at);
      }
      case 'out':
        return registerSwitch(ctx, null, parseOptions(AtSchema, values).at);
      case 'edit':
        return editLatest(ctx, parseOptions(MembersSchema, values).members);
      case 'move':
        return moveLatest(ctx, parseOptions(MoveSchema, values).at);
      case 'delete':
        return deleteLatest(ctx);
      case 'history':
        return history(ctx, values);
      default:
        throw new UserFacingError('Unknown /switch subcommand.');
    }
  },

  async autocomplete(ctx, interaction) {
    const { focused } = collectOptions(interaction);
    if (!focused || focused.name !== 'members') return [];
    const stored = storedTokenFor(ctx.services, ctx.userId);
    if (!stored) return [];
    const members = await ctx.services.directory.membersForAutocomplete(ctx.userId, stored, AUTOCOMPLETE_LOAD_WAIT_MS);
    return members ? autocompleteChoices(focused.value, members, { multi: true }) : [];
  },

  async button(ctx, _interaction, id) {
    if (id.action === 'history') return pageHistory(ctx, id);
    if (id.action === CANCEL_ACTION) {
      const [key] = acceptConfirmation(id, ctx.userId);
      if (key) pendingChanges.take(key);
      await ctx.reply.send({ content: 'Cancelled: nothing was changed.', components: [] });
      return;
    }
    if (id.action === 'edit' || id.action === 'move' || id.action === 'delete') return applyChange(ctx, id);
    throw new UserFacingError('That button is not known.');
  },
};
