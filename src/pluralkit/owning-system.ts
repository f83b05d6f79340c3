import { normalizeShortId } from './refs.js';

/*
 * Which system a PluralKit response's content belongs to, as its short ID — the tag that lets one
 * of our writes drop exactly the cached public views it can have changed. Every v2 read depends on
 * one system's data only (reference §2), and a token can only change its own system's data.
 *
 * The short ID is the one identity every shape carries: System.id, Member.system, Group.system,
 * Message.system.id (members inside messages have no `system` key). Where the response does not
 * say (an empty list, a switch-out, 204, the switch list, settings), a system path ref that is a
 * short ID still names the system; a UUID or Discord account ID ref does not, and such a view
 * gets no tag at all, which makes every write drop it.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : null;
}

/** The `system` field of the first entity of a list or of a switch's members. */
function firstSystem(list: unknown): string | null {
  return Array.isArray(list) && isObject(list[0]) ? text(list[0].system) : null;
}

/**
 * @param route the client's route template, e.g. `/systems/{systemRef}/fronters`
 * @param systemRef the system path ref as sent, when the route has one
 */
export function owningSystem(route: string, systemRef: string | null, value: unknown): string | null {
  const fromPath = systemRef === null ? null : normalizeShortId(systemRef);
  if (route === '/systems/{systemRef}') return (isObject(value) ? text(value.id) : null) ?? fromPath;
  if (route.startsWith('/systems/{systemRef}')) {
    if (Array.isArray(value)) return firstSystem(value) ?? fromPath;
    if (isObject(value)) return firstSystem(value.members) ?? fromPath;
    return fromPath;
  }
  if (route === '/members/{memberRef}' || route === '/groups/{groupRef}' || route === '/members' || route === '/groups') {
    return isObject(value) ? text(value.system) : null;
  }
  if (route === '/messages/{messageId}') {
    return isObject(value) && isObject(value.system) ? text(value.system.id) : null;
  }
  // Lists of a member's groups or a group's members.
  return firstSystem(value);
}
