import { Limits } from '../pluralkit/requests.js';
import type { Read } from './read.js';

export interface ProxyTagInput {
  prefix: string | null;
  suffix: string | null;
}

/** The word that stands for the message. PluralKit reads it in lower case, or all in capitals when no lower-case one is there. */
const PLACEHOLDER = 'text';
const EXAMPLES = 'like `[text]` or `A: text`';

/**
 * A proxy tag written as a template around the word `text`: `[text]`, `A: text`, `text -a`.
 * Read as PluralKit's `pk;member proxy` reads it: split at `text` (exact case), or at `TEXT`
 * when there is no `text`; exactly one of them, so `textbook: text` and `{text}{text}` are
 * refused and `Text: text` keeps `Text: ` as its prefix. PluralKit measures
 * prefix + "text" + suffix against its 100-character limit.
 */
export function readProxyTemplate(input: string): Read<ProxyTagInput> {
  const template = input.trim();
  const word = template.includes(PLACEHOLDER) ? PLACEHOLDER : PLACEHOLDER.toUpperCase();
  const parts = template.split(word);
  if (parts.length === 1) {
    const otherCase = template.toLowerCase().includes(PLACEHOLDER) ? ' (in lower case, or `TEXT` in capitals)' : '';
    return { ok: false, message: `must contain the word \`text\`${otherCase} where the message goes, ${EXAMPLES}` };
  }
  if (parts.length > 2) {
    return { ok: false, message: `contains \`${word}\` ${parts.length - 1} times: it must appear once, where the message goes, ${EXAMPLES}` };
  }
  const [prefix, suffix] = parts as [string, string];
  if (prefix === '' && suffix === '') return { ok: false, message: `needs something before or after \`text\`, ${EXAMPLES}` };
  const length = prefix.length + PLACEHOLDER.length + suffix.length;
  if (length > Limits.proxyTagTotal) return { ok: false, message: `is too long (${length}/${Limits.proxyTagTotal} characters including \`text\`)` };
  return { ok: true, value: { prefix: prefix === '' ? null : prefix, suffix: suffix === '' ? null : suffix } };
}

/** The template a tag is written as, e.g. `[text]`. */
export function proxyTemplate(tag: ProxyTagInput): string {
  return `${tag.prefix ?? ''}${PLACEHOLDER}${tag.suffix ?? ''}`;
}
