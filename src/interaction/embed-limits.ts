import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import { truncate } from '../text/truncate.js';

function textLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

function fitField(field: APIEmbedField): APIEmbedField {
  return {
    ...field,
    name: truncate(field.name || '\u200b', DiscordLimits.embedFieldName),
    value: truncate(field.value || '\u200b', DiscordLimits.embedFieldValue),
  };
}

/**
 * Makes any embed valid for Discord: every part within its own limit and the
 * whole within the per-message total (trailing fields go first, then the
 * description is cut), so a reply never fails for length.
 */
export function fitEmbed(embed: APIEmbed, budget: number = DiscordLimits.embedTotal): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, DiscordLimits.embedTitle);
  if (fitted.description !== undefined) {
    fitted.description = truncate(fitted.description, DiscordLimits.embedDescription);
  }
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, DiscordLimits.embedFooter) };
  if (fitted.author) fitted.author = { ...fitted.author, name: truncate(fitted.author.name, DiscordLimits.embedAuthorName) };
  if (fitted.fields) fitted.fields = fitted.fields.slice(0, DiscordLimits.embedFields).map(fitField);

  // The description is the main content; trailing fields are dropped before it is cut.
  let excess = textLength(fitted) - budget;
  while (excess > 0 && fitted.fields && fitted.fields.length > 0) {
    fitted.fields = fitted.fields.slice(0, -1);
    excess = textLength(fitted) - budget;
  }
  if (excess > 0 && fitted.description) {
    const keep = Math.max(0, fitted.description.length - excess);
    fitted.description = keep > 0 ? truncate(fitted.description, keep) : undefined;
    excess = textLength(fitted) - budget;
  }
  if (excess > 0 && fitted.footer) {
    fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, Math.max(1, fitted.footer.text.length - excess)) };
    excess = textLength(fitted) - budget;
  }
  if (excess > 0 && fitted.title) {
    fitted.title = truncate(fitted.title, Math.max(1, fitted.title.length - excess));
  }
  return fitted;
}

/** Fits several embeds of one message into the shared 6000-character budget, in order. */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  let remaining: number = DiscordLimits.embedTotal;
  const out: APIEmbed[] = [];
  for (const embed of embeds.slice(0, DiscordLimits.embedsPerMessage)) {
    if (remaining <= 0) break;
    const fitted = fitEmbed(embed, remaining);
    remaining -= textLength(fitted);
    out.push(fitted);
  }
  return out;
}

export { textLength as embedTextLength };
