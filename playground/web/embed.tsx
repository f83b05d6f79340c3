import type { DiscordMessage } from '../shared/protocol.js';
import { api } from './api.js';
import { Markdown, inline, type NameOf } from './markdown.js';
import { calendarTime } from './time.js';

/**
 * An image as the page can show it: files the bot uploaded come from the playground; anything on
 * the internet would need the network, so it is a labelled placeholder.
 */
export function ImageOrPlaceholder({ url, messageId, alt, class: className }: { url: string; messageId: string; alt?: string; class: string }) {
  const attachment = /^attachment:\/\/(.+)$/.exec(url);
  if (attachment) return <img class={className} src={api.attachmentUrl(messageId, attachment[1]!)} alt={alt ?? attachment[1]} />;
  return (
    <div class={`${className} image-placeholder`} title={`${url} — not loaded: the playground works offline`}>
      <span>🖼️</span>
    </div>
  );
}

function colour(value: unknown): string {
  return typeof value === 'number' ? `#${value.toString(16).padStart(6, '0')}` : 'var(--embed-bar)';
}

/** Inline fields sit up to three to a row, as in Discord; a field that is not inline takes a row. */
function fieldRows(fields: DiscordMessage[]): DiscordMessage[][] {
  const rows: DiscordMessage[][] = [];
  for (const field of fields) {
    const row = rows.at(-1);
    if (field.inline && row && row.length < 3 && row[0]!.inline) row.push(field);
    else rows.push([field]);
  }
  return rows;
}

export function Embed({ embed, messageId, nameOf }: { embed: DiscordMessage; messageId: string; nameOf: NameOf }) {
  const fields = (embed.fields ?? []) as DiscordMessage[];
  return (
    <div class="embed" style={{ borderLeftColor: colour(embed.color) }}>
      <div class="embed-body">
        {embed.author?.name && (
          <div class="embed-author">
            {embed.author.icon_url && <ImageOrPlaceholder class="embed-author-icon" url={embed.author.icon_url} messageId={messageId} />}
            {embed.author.url ? <a href={embed.author.url} target="_blank" rel="noreferrer noopener">{embed.author.name}</a> : embed.author.name}
          </div>
        )}
        {embed.title && (
          <div class="embed-title">
            {embed.url ? <a href={embed.url} target="_blank" rel="noreferrer noopener">{inline(embed.title, nameOf)}</a> : inline(embed.title, nameOf)}
          </div>
        )}
        {embed.description && <Markdown text={embed.description} nameOf={nameOf} />}
        {fields.length > 0 && (
          <div class="embed-fields">
            {fieldRows(fields).map((row) => (
              <div class="embed-field-row">
                {row.map((field) => (
                  <div class="embed-field">
                    <div class="embed-field-name">{inline(String(field.name ?? ''), nameOf)}</div>
                    <Markdown text={String(field.value ?? '')} nameOf={nameOf} />
                  </div>
                ))}
              </div>
            ))}
          </div>
        )}
        {embed.image?.url && <ImageOrPlaceholder class="embed-image" url={embed.image.url} messageId={messageId} />}
        {(embed.footer?.text || embed.timestamp) && (
          <div class="embed-footer">
            {embed.footer?.icon_url && <ImageOrPlaceholder class="embed-footer-icon" url={embed.footer.icon_url} messageId={messageId} />}
            {embed.footer?.text}
            {embed.footer?.text && embed.timestamp && ' • '}
            {embed.timestamp && calendarTime(new Date(embed.timestamp))}
          </div>
        )}
      </div>
      {embed.thumbnail?.url && <ImageOrPlaceholder class="embed-thumbnail" url={embed.thumbnail.url} messageId={messageId} />}
    </div>
  );
}
