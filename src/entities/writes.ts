import { refuse } from '../core/refusal.js';
import { hasCode } from '../pluralkit/errors.js';
import { isOwnerSettings } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import { holdsPatch } from '../writes/read-back.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import type { WriteResult } from '../writes/writes.js';
import type { Body, Entity, EntityKind } from './kinds.js';
import { patchingOwnLists, withCreated, withDeleted, withMembership, withReplaced } from './list-patches.js';

/*
 * The writes every member and group command shares, each through `services.writes.withReadBack` with a real
 * read-back (the entity is read and compared; a delete is confirmed by a 404), and each patching
 * the caller's cached lists with the answer (or dropping them when there is none), so
 * autocomplete and name resolution see the change at once without reloading the list.
 */

const checkWith = (kind: EntityKind) => `\`/${kind.name} view\``;

export async function updateEntity<E extends Entity>(services: Services, kind: EntityKind<E>, userId: string, auth: OwnSystemAuth, uuid: string, body: Body): Promise<WriteResult<E>> {
  return patchingOwnLists(
    services,
    userId,
    auth,
    kind.plural,
    () =>
      services.writes.withReadBack({
        write: (deadline) => kind.update(services, uuid, body, { token: auth.token, deadline }),
        readBack: async () => {
          const now = await kind.get(services, uuid, { token: auth.token });
          return holdsPatch(now, body) ? now : null;
        },
        checkWith: checkWith(kind),
      }),
    (entity) => services.directory.patched(kind.plural, userId, auth, (list) => withReplaced(list, entity)),
  );
}

export async function deleteEntity(services: Services, kind: EntityKind, userId: string, auth: OwnSystemAuth, uuid: string): Promise<WriteResult<true>> {
  // Memberships go with the entity, so both lists change.
  return patchingOwnLists(
    services,
    userId,
    auth,
    'all',
    () =>
      services.writes.withReadBack({
        write: async (deadline) => {
          await kind.remove(services, uuid, { token: auth.token, deadline });
          return true as const;
        },
        readBack: async () => {
          try {
            await kind.get(services, uuid, { token: auth.token });
            return null;
          } catch (error) {
            if (hasCode(error, kind.notFoundCode)) return true as const;
            throw error;
          }
        },
        checkWith: `\`/${kind.name} list private: True\``,
      }),
    async () => {
      await services.directory.patched(kind.plural, userId, auth, (list) => withDeleted(list, uuid));
      // A deleted member leaves every group; a deleted group's members stay members.
      if (kind.plural === 'members') await services.directory.patched('groups', userId, auth, (groups) => withMembership(groups, { side: 'members', uuid, op: 'overwrite', changed: [] }));
    },
  );
}

/**
 * How much earlier than our own clock says PluralKit may date a create it made for us (clocks
 * differ a little). An older namesake, say one made 30 s before, is not taken for it.
 */
const CREATE_CLOCK_SKEW_MS = 5_000;

/** The limit from the system's settings, to name it; the refusal stands even if they cannot be read. */
async function limitReached(services: Services, kind: EntityKind, auth: OwnSystemAuth): Promise<never> {
  let limit: number | undefined;
  try {
    const settings = await services.pluralkit.getSystemSettings('@me', { token: auth.token });
    if (isOwnerSettings(settings)) limit = settings[kind.limitSetting];
  } catch {
    // Say it without the number.
  }
  return refuse('entity.limit-reached', { kind: kind.name, limit });
}

export async function createEntity<E extends Entity>(services: Services, kind: EntityKind<E>, userId: string, auth: OwnSystemAuth, body: Body & { name: string }): Promise<WriteResult<E>> {
  const started = Date.now();
  // Whatever the cached list already holds existed before this write, however recent its creation time.
  const existing = new Set((services.directory.peek(kind.plural, userId, auth) ?? []).map((entity) => entity.uuid));
  try {
    return await patchingOwnLists(
      services,
      userId,
      auth,
      kind.plural,
      () =>
        services.writes.withReadBack({
          write: (deadline) => kind.create(services, body, { token: auth.token, deadline }),
          readBack: async () => {
            const list = await kind.list(services, '@me', { token: auth.token });
            const made = list.filter(
              (entity) =>
                entity.name === body.name && !existing.has(entity.uuid) && entity.created !== null && Date.parse(entity.created) >= started - CREATE_CLOCK_SKEW_MS,
            );
            return made.at(-1) ?? null;
          },
          checkWith: `\`/${kind.name} list private: True\``,
        }),
      (entity) => services.directory.patched(kind.plural, userId, auth, (list) => withCreated(list, entity, kind.plural)),
    );
  } catch (error) {
    if (hasCode(error, kind.limitCode)) return limitReached(services, kind, auth);
    throw error;
  }
}

/** The caller's own entity, read fresh just before a confirmed change; one deleted since the prompt is said to be. */
export async function rereadOwn<E extends Entity>(services: Services, kind: EntityKind<E>, auth: OwnSystemAuth, uuid: string): Promise<E> {
  try {
    return await kind.get(services, uuid, { token: auth.token });
  } catch (error) {
    if (hasCode(error, kind.notFoundCode)) refuse('entity.deleted-since', { kind: kind.name });
    throw error;
  }
}
