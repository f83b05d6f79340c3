import { isOwner } from '../auth.js';
import { ok, required, type Reply, type RequestContext } from '../context.js';

function embed(providerName: string, title: string): Reply {
  return ok({ type: 'rich', provider_name: providerName, provider_url: 'https://pluralkit.me', title });
}

export function systemOembed(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  const nameVisible = isOwner(ctx, system.uuid) || system.privacy.name_privacy === 'public';
  const name = nameVisible ? system.name : null;
  return embed('PluralKit System', name ?? `System with ID \`${system.id}\``);
}

/** Production applies no privacy filtering here (reference §2.2). */
function titleWithSystem(ctx: RequestContext, ownName: string, systemUuid: string): string {
  const systemName = ctx.store.systems.get(systemUuid)?.name ?? null;
  return systemName ? `${ownName} (${systemName})` : ownName;
}

export function memberOembed(ctx: RequestContext): Reply {
  const member = required(ctx.params.member);
  return embed('PluralKit Member', titleWithSystem(ctx, member.display_name ?? member.name, member.systemUuid));
}

export function groupOembed(ctx: RequestContext): Reply {
  const group = required(ctx.params.group);
  return embed('PluralKit Group', titleWithSystem(ctx, group.display_name ?? group.name, group.systemUuid));
}
