import { useState } from 'preact/hooks';
import type { DiscordMessage, Entry } from '../shared/protocol.js';
import { api } from './api.js';
import { Components, type ComponentUse } from './components.js';
import { Embed, ImageOrPlaceholder } from './embed.js';
import { Markdown, type NameOf } from './markdown.js';
import { calendarTime, fullDate } from './time.js';

const EPHEMERAL = 64;
const LOADING = 128;

export interface MessageProps {
  entry: Entry;
  nameOf: NameOf;
  botName: string;
  use: ComponentUse;
  /** The message commands the bot registered ("Message info"). */
  messageCommands: string[];
  runMessageCommand(name: string, entry: Entry): void;
  copyLink(entry: Entry): void;
  selected: boolean;
  onSelect(): void;
}

/** Files the bot uploaded that no embed shows, as Discord lists them under the message. */
function looseAttachments(message: DiscordMessage): DiscordMessage[] {
  const shown = new Set<string>();
  for (const embed of (message.embeds ?? []) as DiscordMessage[]) {
    for (const url of [embed.image?.url, embed.thumbnail?.url]) if (typeof url === 'string' && url.startsWith('attachment://')) shown.add(url.slice(13));
  }
  return ((message.attachments ?? []) as DiscordMessage[]).filter((attachment) => attachment.filename && !shown.has(attachment.filename));
}

export function Message(props: MessageProps) {
  const { entry, nameOf } = props;
  const { message } = entry;
  const [menuOpen, setMenuOpen] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  const ephemeral = (message.flags & EPHEMERAL) !== 0;
  const loading = (message.flags & LOADING) !== 0;
  const failed = message.playground_failed === true;
  const date = new Date(entry.timestamp);
  return (
    <article
      class={`message${props.selected ? ' selected' : ''}${ephemeral ? ' ephemeral' : ''}${entry.proxied ? ' proxied' : ''}`}
      data-message-id={entry.id}
      onClick={props.onSelect}
      onContextMenu={(event) => {
        event.preventDefault();
        setMenuOpen(true);
      }}
    >
      {entry.invocation && (
        <div class="invocation">
          <span class="invocation-curve" />
          <strong>{nameOf(entry.invocation.personId) ?? 'someone'}</strong> <span class="invocation-command">{entry.invocation.label}</span>
        </div>
      )}
      <div class="message-main">
        <div class="avatar" aria-hidden="true">
          {entry.author.avatarUrl ? <ImageOrPlaceholder class="avatar-image" url={entry.author.avatarUrl} messageId={entry.id} /> : entry.author.name.slice(0, 1)}
        </div>
        <div class="message-body">
          <div class="message-header">
            <span class="author">{entry.author.name}</span>
            {entry.author.tag && <span class="app-tag">{entry.author.tag}</span>}
            <time class="timestamp" title={fullDate(date)}>{calendarTime(date)}</time>
            {!failed && (
              <button class="message-menu-button" title="More" onClick={(event) => { event.stopPropagation(); setMenuOpen(!menuOpen); }}>
                ⋯
              </button>
            )}
          </div>
          {failed && <div class="failed">⚠️ This interaction failed</div>}
          {loading && !message.content && <div class="thinking">{props.botName} is thinking…</div>}
          {message.content && <Markdown text={String(message.content)} nameOf={nameOf} />}
          {((message.embeds ?? []) as DiscordMessage[]).map((embed) => <Embed embed={embed} messageId={entry.id} nameOf={nameOf} />)}
          {looseAttachments(message).map((attachment) => (
            <img class="attachment-image" src={api.attachmentUrl(entry.id, attachment.filename)} alt={attachment.description ?? attachment.filename} title={attachment.description} />
          ))}
          {Array.isArray(message.components) && message.components.length > 0 && <Components rows={message.components} use={props.use} />}
          {ephemeral && (
            <div class="ephemeral-note">
              👁 Only you can see this •{' '}
              <button class="link-button" onClick={(event) => { event.stopPropagation(); setDismissed(true); }}>
                Dismiss message
              </button>
            </div>
          )}
        </div>
      </div>
      {menuOpen && (
        <div class="context-menu" role="menu" onMouseLeave={() => setMenuOpen(false)}>
          <div class="context-menu-heading">Apps</div>
          {props.messageCommands.map((name) => (
            <button role="menuitem" onClick={(event) => { event.stopPropagation(); setMenuOpen(false); props.runMessageCommand(name, entry); }}>
              {name}
            </button>
          ))}
          <div class="context-menu-separator" />
          <button role="menuitem" onClick={(event) => { event.stopPropagation(); setMenuOpen(false); props.copyLink(entry); }}>
            Copy Message Link
          </button>
        </div>
      )}
    </article>
  );
}
