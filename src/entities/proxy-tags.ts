import { refuse } from '../core/refusal.js';
import { proxyTemplate, type ProxyTagInput } from '../input/proxy-template.js';
import type { ProxyTag } from '../pluralkit/models.js';
import { Limits } from '../pluralkit/requests.js';

/*
 * Adding or removing one proxy tag. PluralKit only replaces the whole list, so the new list is
 * computed from the member's current tags (read fresh by the caller).
 */

const same = (a: ProxyTagInput, b: ProxyTagInput) => (a.prefix ?? null) === (b.prefix ?? null) && (a.suffix ?? null) === (b.suffix ?? null);

export function withProxyTagChanges(current: readonly ProxyTag[], add: ProxyTagInput | undefined, remove: ProxyTagInput | undefined): ProxyTagInput[] {
  let tags: ProxyTagInput[] = current.map((tag) => ({ prefix: tag.prefix, suffix: tag.suffix }));
  if (remove) {
    if (!tags.some((tag) => same(tag, remove))) refuse('proxy.no-such-tag', { tag: proxyTemplate(remove), current: current.map(proxyTemplate) });
    tags = tags.filter((tag) => !same(tag, remove));
  }
  if (add) {
    if (tags.some((tag) => same(tag, add))) refuse('proxy.tag-exists', { tag: proxyTemplate(add) });
    if (tags.length >= Limits.proxyTags) refuse('proxy.too-many-tags', { count: tags.length, max: Limits.proxyTags });
    tags.push(add);
  }
  return tags;
}
