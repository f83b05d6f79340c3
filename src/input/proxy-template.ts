import { Limits } from '../pluralkit/requests.js';
import type { Read } from './read.js';

export interface ProxyTagInput {
  prefix: string | null;
  suffix: string | null;
}

/**
 * A proxy tag written as a template around the word `text`: `[text]`, `A: text`, `text -a`.
 * PluralKit measures prefix + "text" + suffix against its 100-character limit.
 */
export function readProxyTemplate(input: string): Read<ProxyTagInput> {
  const text = input.trim();
  const at = text.toLowerCase().indexOf('text');
  if (at < 0) return { ok: false, message: 'must contain the word `text` where the message goes, like `[text]` or `A: text`' };
  const prefix = text.slice(0, at);
  const suffix = text.slice(at + 4);
  if (prefix.trim() === '' && suffix.trim() === '') return { ok: false, message: 'needs something before or after `text`, like `[text]` or `A: text`' };
  const length = prefix.length + 4 + suffix.length;
  if (length > Limits.proxyTagTotal) return { ok: false, message: `is too long (${length}/${Limits.proxyTagTotal} characters including \`text\`)` };
  return { ok: true, value: { prefix: prefix === '' ? null : prefix, suffix: suffix === '' ? null : suffix } };
}

/** The template a tag is written as, e.g. `[text]`. */
export function proxyTemplate(tag: ProxyTagInput): string {
  return `${tag.prefix ?? ''}text${tag.suffix ?? ''}`;
}
