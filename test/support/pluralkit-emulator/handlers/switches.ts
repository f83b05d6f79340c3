import { isOwner, requireOwner } from '../auth.js';
import { noContent, ok, readJsonObject, readRefArray, required, type Reply, type RequestContext } from '../context.js';
import { switchCreated, switchDeleted, switchMembersEdited, switchMoved } from '../dispatch-events.js';
import { errors } from '../errors.js';
import { generateUuid } from '../ids.js';
import type { MemberRecord, SwitchRecord, SystemRecord } from '../model.js';
import { matchOwnEntity, resolveMemberLenient } from '../refs.js';
import { coerceText, readNullableText } from '../validation.js';
import { nowMicros, parseExtendedIso, parseLenientTimestamp } from '../time.js';
import { switchFullView, switchSummaryView } from '../views.js';

const DEFAULT_SWITCH_PAGE = 100;
const MAX_SWITCH_PAGE = 100;

function parseLimit(value: string | null): number {
  if (value === null) return DEFAULT_SWITCH_PAGE;
  if (!/^[+-]?\d+$/.test(value.trim())) throw errors.badRequest();
  const limit = Number(value.trim());
  // A negative LIMIT reaches Postgres unchecked in production.
  if (limit < 0) throw errors.internal();
  return Math.min(limit, MAX_SWITCH_PAGE);
}

function parseBefore(value: string | null): number {
  if (value === null) return nowMicros();
  const micros = parseExtendedIso(value);
  if (micros === null) throw errors.badRequest();
  return micros;
}

export function listSwitches(ctx: RequestContext): Reply {
  const before = parseBefore(ctx.query.get('before'));
  const limit = parseLimit(ctx.query.get('limit'));
  const system = required(ctx.params.system);
  if (!isOwner(ctx, system.uuid) && system.privacy.front_history_privacy === 'private') {
    throw errors.frontHistoryPrivate();
  }
  const page = ctx.store
    .switchesOf(system.uuid)
    .filter((entry) => entry.timestamp < before)
    .slice(0, limit)
    .map((entry) => switchSummaryView(ctx.store, entry));
  return ok(page);
}

export function getFronters(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  const owner = isOwner(ctx, system.uuid);
  if (!owner && system.privacy.front_privacy === 'private') throw errors.frontersPrivate();
  const latest = ctx.store.latestSwitch(system.uuid);
  if (!latest) return noContent;
  return ok(switchFullView(ctx.store, latest, owner));
}

function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function hasSwitchAt(ctx: RequestContext, system: SystemRecord, timestamp: number): boolean {
  return ctx.store.switchesOf(system.uuid).some((entry) => entry.timestamp === timestamp);
}

export function createSwitch(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  let timestamp: number | null = null;
  if (body.timestamp !== undefined && body.timestamp !== null) {
    if (typeof body.timestamp !== 'string') throw errors.badRequest();
    timestamp = parseExtendedIso(body.timestamp);
    if (timestamp === null) throw errors.badRequest();
  }
  // Production dereferences `members` without a null check.
  if (body.members === undefined || body.members === null) throw errors.internal();
  if (!Array.isArray(body.members)) throw errors.badRequest();
  const refs = body.members.map((entry) => coerceText(entry) ?? '');

  const system = required(ctx.params.system);
  requireOwner(ctx, system);
  if (new Set(refs).size !== refs.length) throw errors.duplicateMembers();
  if (timestamp !== null && hasSwitchAt(ctx, system, timestamp)) throw errors.switchTimestampExists();
  const own = ctx.store.membersOf(system.uuid);
  const members = refs.map((ref) => {
    const member = matchOwnEntity(own, ref);
    if (!member) throw errors.memberRefNotFound(ref);
    return member;
  });
  const memberUuids = members.map((member) => member.uuid);
  const latest = ctx.store.latestSwitch(system.uuid);
  if (latest && (timestamp === null || timestamp > latest.timestamp) && sameSequence(latest.members, memberUuids)) {
    throw errors.sameFronters();
  }
  const insertedAt = nowMicros();
  const created: SwitchRecord = {
    uuid: generateUuid(),
    systemUuid: system.uuid,
    timestamp: timestamp ?? insertedAt,
    members: memberUuids,
  };
  ctx.store.switches.set(created.uuid, created);
  // Production inserts the switch at now() and then moves it to the requested time: two events.
  ctx.dispatch.emit(system.uuid, switchCreated(ctx.store, created, insertedAt));
  if (timestamp !== null) ctx.dispatch.emit(system.uuid, switchMoved(created));
  return ok(switchFullView(ctx.store, created, true));
}

export function getSwitch(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  const entry = required(ctx.params.switch);
  const owner = isOwner(ctx, system.uuid);
  if (entry.systemUuid !== system.uuid || (!owner && system.privacy.front_history_privacy === 'private')) {
    throw errors.switchNotFoundOrPrivate();
  }
  return ok(switchFullView(ctx.store, entry, owner));
}

export function patchSwitch(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const system = required(ctx.params.system);
  const entry = required(ctx.params.switch);
  requireOwner(ctx, system);
  const text = readNullableText(body.timestamp ?? null);
  if (text === null) throw errors.validation({ timestamp: [{ message: "Key 'timestamp' is required." }] });
  const timestamp = parseLenientTimestamp(text);
  if (timestamp === null) throw errors.badRequest();
  if (entry.systemUuid !== system.uuid) throw errors.switchNotFoundOrPrivate();
  // Includes the switch itself, so re-sending its current timestamp fails as in production.
  if (hasSwitchAt(ctx, system, timestamp)) throw errors.switchTimestampExists();
  entry.timestamp = timestamp;
  ctx.dispatch.emit(system.uuid, switchMoved(entry));
  return ok(switchFullView(ctx.store, entry, true));
}

export function patchSwitchMembers(ctx: RequestContext): Reply {
  const refs = readRefArray(ctx);
  const system = required(ctx.params.system);
  // Production does not check that the switch belongs to {systemRef}; neither do we.
  const entry = required(ctx.params.switch);
  requireOwner(ctx, system);
  if (new Set(refs).size !== refs.length) throw errors.duplicateMembers();
  const members: MemberRecord[] = refs.map((ref) => {
    const member = resolveMemberLenient(ctx.store, ref);
    if (!member) throw errors.memberRefNotFound(ref);
    if (member.systemUuid !== system.uuid) throw errors.memberRefNotOwn(ref);
    return member;
  });
  const memberUuids = members.map((member) => member.uuid);
  if (new Set(memberUuids).size !== memberUuids.length) throw errors.duplicateMembers();
  if (sameSequence(entry.members, memberUuids)) throw errors.sameFronters();
  entry.members = memberUuids;
  // Sent to the switch's own system, which need not be {systemRef} (see above).
  ctx.dispatch.emit(entry.systemUuid, switchMembersEdited(ctx.store, entry));
  return ok(switchFullView(ctx.store, entry, true));
}

export function deleteSwitch(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  const entry = required(ctx.params.switch);
  requireOwner(ctx, system);
  if (entry.systemUuid !== system.uuid) throw errors.switchNotFoundOrPrivate();
  ctx.store.switches.delete(entry.uuid);
  ctx.dispatch.emit(system.uuid, switchDeleted(entry));
  return noContent;
}
