import { errors } from './errors.js';
import { normalizeUuid, VALID_HID } from './ids.js';
import type { GroupRecord, MemberRecord, SwitchRecord, SystemRecord } from './model.js';
import type { Store } from './store.js';

/**
 * Two resolvers exist in production (reference §1.5): the Rust front resolves path refs leniently
 * (and produces the 404s), then .NET re-resolves with stricter rules. Bodies use a third, exact rule.
 */

const ALL_DIGITS = /^\d+$/;

/** Rust front: lowercase + strip dashes only for 5–7 char refs; longer refs are cut to char(6). */
function rustHid(raw: string): string {
  if (raw.length >= 5 && raw.length <= 7) return raw.toLowerCase().replace(/-/g, '');
  if (raw.length > 7) return raw.slice(0, 6);
  return raw;
}

export function resolveSystemPathRef(store: Store, raw: string, authSystem: SystemRecord | null): SystemRecord {
  if (raw === '@me') {
    if (!authSystem) throw errors.unauthorized();
    return authSystem;
  }
  const uuid = normalizeUuid(raw);
  const found = uuid
    ? store.systems.get(uuid)
    : ALL_DIGITS.test(raw)
      ? store.systemByAccount(raw)
      : store.systemByHid(rustHid(raw));
  if (!found) throw errors.systemNotFound();
  return found;
}

export function resolveMemberPathRef(store: Store, raw: string): MemberRecord {
  const uuid = normalizeUuid(raw);
  const found = uuid ? store.members.get(uuid) : store.memberByHid(rustHid(raw));
  if (!found) throw errors.memberNotFound();
  return found;
}

export function resolveGroupPathRef(store: Store, raw: string): GroupRecord {
  const uuid = normalizeUuid(raw);
  const found = uuid ? store.groups.get(uuid) : store.groupByHid(rustHid(raw));
  if (!found) throw errors.groupNotFound();
  return found;
}

/** A non-UUID switch ref makes the production Postgres cast fail, hence 500 rather than 40006. */
export function resolveSwitchPathRef(store: Store, raw: string): SwitchRecord {
  const uuid = normalizeUuid(raw);
  if (!uuid) throw errors.internal();
  const found = store.switches.get(uuid);
  if (!found) throw errors.switchNotFound();
  return found;
}

/** .NET's own parse of a short ID: lowercase, strip every dash, then 5–6 letters. */
function dotnetHid(raw: string): string | null {
  const hid = raw.toLowerCase().replace(/-/g, '');
  return VALID_HID.test(hid) ? hid : null;
}

/** Whether the .NET layer would accept a path ref the Rust layer already resolved. */
export function dotnetAcceptsRef(kind: 'system' | 'member' | 'group', raw: string): boolean {
  if (normalizeUuid(raw)) return true;
  if (kind === 'system') {
    if (raw === '@me') return true;
    if (/^\d{17,19}$/.test(raw)) return true;
  }
  return dotnetHid(raw) !== null;
}

/** Lenient resolution as used by switch-members PATCH and autoproxy_member (any system). */
export function resolveMemberLenient(store: Store, raw: string): MemberRecord | undefined {
  const uuid = normalizeUuid(raw);
  if (uuid) return store.members.get(uuid);
  const hid = dotnetHid(raw);
  return hid ? store.memberByHid(hid) : undefined;
}

/** Body refs: exact string match against the caller's own entities (stored hid or lowercase UUID). */
export function matchOwnEntity<T extends { id: string; uuid: string }>(own: readonly T[], ref: string): T | undefined {
  return own.find((entity) => entity.id === ref || entity.uuid === ref);
}

/** Seeds accept any spelling a person would type: short ID (any case, dashes), UUID, account ID. */
export function resolveSystemForSeed(store: Store, ref: string): SystemRecord {
  const uuid = normalizeUuid(ref);
  const found = uuid
    ? store.systems.get(uuid)
    : ALL_DIGITS.test(ref)
      ? store.systemByAccount(ref)
      : store.systemByHid(ref.toLowerCase().replace(/-/g, ''));
  if (!found) throw new Error(`seed: unknown system '${ref}'`);
  return found;
}

export function resolveMemberForSeed(store: Store, ref: string): MemberRecord {
  const found = resolveMemberLenient(store, ref);
  if (!found) throw new Error(`seed: unknown member '${ref}'`);
  return found;
}
