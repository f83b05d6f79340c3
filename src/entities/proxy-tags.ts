import { UserFacingError } from '../core/user-facing-error.js';
import { proxyTemplate, type ProxyTagInput } from '../input/proxy-template.js';
import type { ProxyTag } from '../pluralkit/models.js';
import { Limits } from '../pluralkit/requests.js';
import { inlineCode } from '../text/markdown.js';

/*
 * Adding or removing one proxy tag. PluralKit only replaces the whole list, so the new list is
 * computed from the member's current tags (read fresh by the caller).
 */

const same = (a: ProxyTagInput, b: ProxyTagInput) => (a.prefix ?? null) === (b.prefix ?? null) && (a.suffix ?? null) === (b.suffix ?? null);

function listed(tags: readonly ProxyTag[]): string {
  return tags.length === 0 ? 'it has none' : `its tags are ${tags.map((tag) => inlineCode(proxyTemplate(tag))).join(', ')}`;
}

export function withProxyTagChanges(current: readonly ProxyTag[], add: ProxyTagInput | undefined, remove: ProxyTagInput | undefined): ProxyTagInput[] {
  let tags: ProxyTagInput[] = current.map((tag) => ({ prefix: tag.prefix, suffix: tag.suffix }));
  if (remove) {
    if (!tags.some((tag) => same(tag, remove))) throw new UserFacingError(`\`remove_proxy\`: the member has no tag ${inlineCode(proxyTemplate(remove))} (${listed(current)}).`);
    tags = tags.filter((tag) => !same(tag, remove));
  }
  if (add) {
    if (tags.some((tag) => same(tag, add))) throw new UserFacingError(`\`add_proxy\`: the member already has the tag ${inlineCode(proxyTemplate(add))}.`);
    if (tags.length >= Limits.proxyTags) throw new UserFacingError(`\`add_proxy\`: the member has ${tags.length} tags, PluralKit's limit (${Limits.proxyTags}). Remove one first.`);
    tags.push(add);
  }
  return tags;
}
