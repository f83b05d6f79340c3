import { proxyTemplate, type ProxyTagInput } from '../input/proxy-template.js';

/*
 * A proxy tag as a change reply shows it: the template and how it was split, so a template read
 * differently from what was meant (where `text` really is) shows at once. Plain text: the change
 * lines escape it as a value.
 */

function part(label: 'prefix' | 'suffix', value: string | null): string {
  return value === null ? `no ${label}` : `${label} “${value}”`;
}

/** `A: text (prefix “A: ”, no suffix)`. */
export function describeProxyTag(tag: ProxyTagInput): string {
  return `${proxyTemplate(tag)} (${part('prefix', tag.prefix)}, ${part('suffix', tag.suffix)})`;
}

/** Every tag described, or null when there are none. */
export function describeProxyTags(tags: readonly ProxyTagInput[]): string | null {
  return tags.length === 0 ? null : tags.map(describeProxyTag).join('; ');
}
