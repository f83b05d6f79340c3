import { refuse } from '../core/refusal.js';
import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { Member, MemberGuildSettings } from '../pluralkit/models.js';
import type { MemberGuildSettingsPatch } from '../pluralkit/requests.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import type { WriteResult } from '../writes/writes.js';
import { holdsPatch } from '../writes/read-back.js';

/*
 * A member's settings for one server. PluralKit makes them the first time the member is used in
 * that server; before that it answers 404 (20010, or 20009 when the system has never been used
 * there), which means "not yet", not "not found".
 */

function explainMissing(error: unknown, member: Pick<Member, 'name'>): never {
  if (hasCode(error, PkErrorCode.MemberGuildSettingsNotFound) || hasCode(error, PkErrorCode.SystemGuildSettingsNotFound)) {
    refuse('member.no-server-settings-yet', { name: member.name });
  }
  throw error;
}

export async function memberGuildSettings(services: Services, auth: OwnSystemAuth, member: Member, guildId: string): Promise<MemberGuildSettings> {
  try {
    return await services.pluralkit.getMemberGuildSettings(member.uuid, guildId, { token: auth.token });
  } catch (error) {
    return explainMissing(error, member);
  }
}

export async function updateMemberGuildSettings(
  services: Services,
  auth: OwnSystemAuth,
  member: Member,
  guildId: string,
  body: MemberGuildSettingsPatch,
): Promise<WriteResult<MemberGuildSettings>> {
  try {
    return await services.writes.withReadBack({
      write: (deadline) => services.pluralkit.updateMemberGuildSettings(member.uuid, guildId, body, { token: auth.token, deadline }),
      readBack: async () => {
        const now = await services.pluralkit.getMemberGuildSettings(member.uuid, guildId, { token: auth.token });
        return holdsPatch(now, body) ? now : null;
      },
      checkWith: '`/member server view`',
    });
  } catch (error) {
    return explainMissing(error, member);
  }
}
