import { Limits } from '../pluralkit/requests.js';
import type { Read } from './read.js';

/** An image link: https only (PluralKit refuses http), at most 256 characters; `<…>` around it is dropped. */
export function readHttpsUrl(input: string): Read<string> {
  const text = input.trim().replace(/^<(.*)>$/, '$1').trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'must be a link starting with `https://`' };
  }
  if (url.protocol !== 'https:') return { ok: false, message: `must be an \`https://\` link (PluralKit does not accept ${url.protocol.replace(':', '')} links)` };
  if (text.length > Limits.url) return { ok: false, message: `is too long (${text.length}/${Limits.url} characters)` };
  return { ok: true, value: text };
}
