import type { APIEmbed } from 'discord-api-types/v10';
import type { ChannelPermissionName } from '../core/channel-access.js';
import type { FrontState } from '../front-log/front-state.js';
import type { ReplyMessage } from '../interaction/message.js';
import type { LogSubscription } from '../stores/log-subscriptions/log-subscription-store.js';
import { joinWithin } from '../text/list-fit.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { parseTime, when } from '../time/format.js';

/* All wording of `/log`: the posts and the board, setup, view and stop. */

const PERMISSION_NAMES: Record<ChannelPermissionName, string> = {
  ViewChannel: 'View Channel',
  SendMessages: 'Send Messages',
  EmbedLinks: 'Embed Links',
  ManageChannels: 'Manage Channels',
};

export function permissionNames(names: readonly ChannelPermissionName[]): string {
  return names.map((name) => `**${PERMISSION_NAMES[name]}**`).join(', ');
}

const channel = (id: string): string => `<#${id}>`;
const NAMES_MAX = 900;

function memberList(members: FrontState['members'], privateCount: number): string {
  const names = members.map((member) => `**${safeName(member.name)}**`);
  const hidden = privateCount > 0 ? [`+${privateCount} private`] : [];
  if (names.length + hidden.length === 0) return '*(no fronter)*';
  return joinWithin([...names, ...hidden], ', ', NAMES_MAX, (more) => `*(${more} more)*`);
}

/** Who fronted before and does not now, by the names the log showed then. */
function leftSince(state: FrontState, previous: FrontState | null): string[] {
  if (!previous) return [];
  const now = new Set(state.members.map((member) => member.id));
  return previous.members.filter((member) => !now.has(member.id)).map((member) => `**${safeName(member.name)}**`);
}

/** The post (or the board) for a state: who fronts, since when, and who left since the last post. */
export function renderFrontLogPost(state: FrontState, previous: FrontState | null, options: { style: LogSubscription['style']; corrected: boolean }): ReplyMessage {
  const embed: APIEmbed = { title: options.style === 'board' ? 'Fronting now' : 'Front change' };
  if (state.kind === 'front-private') embed.description = "This system's front is private, so it is not shown here.";
  else if (state.kind === 'no-switches') embed.description = 'No switches are registered yet.';
  else {
    const since = state.since ? parseTime(state.since) : null;
    const fields = [{ name: state.members.length + state.privateCount === 1 ? 'Fronter' : 'Fronters', value: memberList(state.members, state.privateCount) }];
    if (since) fields.push({ name: 'Since', value: when(since) });
    const left = leftSince(state, previous);
    if (left.length > 0) fields.push({ name: 'Left', value: joinWithin(left, ', ', NAMES_MAX, (more) => `*(${more} more)*`) });
    embed.fields = fields;
  }
  if (options.corrected) embed.footer = { text: 'Corrected: the switch was changed in PluralKit.' };
  return { embeds: [embed] };
}

/** A board whose owner must act (the webhook URL points elsewhere, or the token stopped working). */
export function renderBoardWarning(post: ReplyMessage, subscription: LogSubscription): ReplyMessage {
  const warning = healthText(subscription);
  // Always set, so an edit clears a warning the message showed before.
  return { ...post, content: warning ? `⚠️ ${warning}` : '' };
}

function healthText(subscription: LogSubscription): string | null {
  switch (subscription.health) {
    case 'ok':
      return null;
    case 'token-refused':
      return 'PluralKit no longer accepts the token of the person who set up this log, so it has stopped. They can run `/token set`, then `/log setup` again.';
    case 'webhook-elsewhere':
      return "PluralKit's webhook URL of this system no longer points to Switchboard, so changes are not received. Run `/log setup` again for the steps.";
    case 'channel-refused':
      return 'Discord refused the last post in this channel: check my permissions there (View Channel, Send Messages, Embed Links).';
  }
}

const STYLE_TEXT = { log: 'a message per front change', board: 'one message kept up to date' } as const;
const PRIVACY_TEXT = { public: "public (as PluralKit's public view shows them)", full: 'full (as you see them)' } as const;

export function renderSetupDispatch(subscription: LogSubscription, url: string, replaced: boolean): ReplyMessage {
  return {
    content: [
      `${replaced ? '✅ Front log in' : '✅ Front log set up in'} ${channel(subscription.channelId)}${replaced ? ' updated' : ''}: ${STYLE_TEXT[subscription.style]}, privacy ${PRIVACY_TEXT[subscription.privacy]}.`,
      '',
      'PluralKit sends front changes to one URL per system. To connect it:',
      `1. Send PluralKit this in its DMs: ${inlineCode(`pk;system webhook ${url}`)}`,
      '2. PluralKit shows a **signing token**. Press **Enter signing token** below and paste it there.',
      '3. PluralKit then tests the URL; once it says the URL is set, changes are posted within seconds.',
    ].join('\n'),
  };
}

export function renderSetupPolling(subscription: LogSubscription, intervalSeconds: number, replaced: boolean): ReplyMessage {
  return {
    content: `${replaced ? '✅ Front log in' : '✅ Front log set up in'} ${channel(subscription.channelId)}${replaced ? ' updated' : ''}: ${STYLE_TEXT[subscription.style]}, privacy ${PRIVACY_TEXT[subscription.privacy]}. I check your fronters about every ${intervalSeconds} seconds with your token; nothing needs setting up in PluralKit.`,
  };
}

export const ENTER_SIGNING_TOKEN_LABEL = 'Enter signing token';
export const SIGNING_TOKEN_FORM_TITLE = 'PluralKit signing token';
export const SIGNING_TOKEN_SAVED_TEXT = '✅ Signing token saved. PluralKit now tests the URL: once it says the webhook URL is set, front changes are posted within seconds.';

export function renderWebhookElsewherePrompt(current: string, ours: string): string {
  return [
    `⚠️ Your system's PluralKit webhook URL points elsewhere: ${inlineCode(current)}.`,
    `PluralKit keeps **one** URL per system: setting it to ${inlineCode(ours)} means that tool stops receiving your events.`,
    'Set up the log anyway?',
  ].join('\n');
}

export function renderLogView(subscriptions: readonly LogSubscription[], intervalSeconds: number): ReplyMessage {
  const lines = subscriptions.map((s) => {
    const delivery = s.delivery === 'dispatch' ? (s.signingToken ? "PluralKit's dispatch" : "PluralKit's dispatch (waiting for the signing token)") : `polling about every ${intervalSeconds} s`;
    const lastEvent = s.lastEventAt === null ? 'none yet' : when(new Date(s.lastEventAt));
    const health = healthText(s) ?? 'working';
    return [`**${channel(s.channelId)}** — ${STYLE_TEXT[s.style]}, privacy ${PRIVACY_TEXT[s.privacy]}`, `Delivery: ${delivery}`, `Last change seen: ${lastEvent}`, `Health: ${health}`].join('\n');
  });
  return { content: lines.join('\n\n') };
}

export function renderLogStopped(subscription: LogSubscription, othersRemain: boolean): ReplyMessage {
  const webhook =
    subscription.delivery === 'dispatch' && !othersRemain ? '\nAlso clear the URL in PluralKit: send it `pk;system webhook` with no URL in its DMs.' : '';
  return { content: `✅ The front log in ${channel(subscription.channelId)} is stopped.${webhook}` };
}

export const LOG_REFUSAL_WORDING = {
  'log.needs-manage-channels': ({ channelId }: { channelId: string }) => `Setting up a front log in ${channel(channelId)} needs the **Manage Channels** permission there.`,
  'log.bot-not-in-server': () => "I'm not a member of this server, so I can't post in its channels. Ask a server admin to add me to the server (with the bot scope).",
  'log.bot-missing-permissions': ({ channelId, missing }: { channelId: string; missing: ChannelPermissionName[] }) =>
    `I can't keep a front log in ${channel(channelId)}: I'm missing ${permissionNames(missing)} there. Give me ${missing.length === 1 ? 'it' : 'them'} (channel settings → Permissions), then run \`/log setup\` again.`,
  'log.unknown-channel': ({ channelId }: { channelId: string }) => `${channel(channelId)} isn't a text channel of this server that I can find.`,
  'log.none': () => 'You have no front log. Set one up with `/log setup`.',
  'log.which': ({ channelIds }: { channelIds: string[] }) => `You have front logs in ${channelIds.map(channel).join(', ')}: say which with \`channel\`.`,
  'log.signing-token-invalid': () => "That isn't a PluralKit signing token: it is the 64 characters PluralKit showed after `pk;system webhook`. Nothing was saved.",
  'log.signing-token-unexpected': () => 'That signing token is for a front log that no longer exists (or a system your token no longer belongs to). Run `/log setup` again.',
} as const;

