import { isOwner, requireOwner } from '../auth.js';
import { ok, parseGuildId, readJsonObject, required, type Reply, type RequestContext } from '../context.js';
import { autoproxyUpdated, settingsUpdated, systemGuildUpdated, type AutoproxyChange } from '../dispatch-events.js';
import { errors } from '../errors.js';
import { AUTOPROXY_MODES, type AutoproxyMode, type AutoproxyRecord, type SystemRecord } from '../model.js';
import { parseSettingsPatch, parseSystemGuildPatch } from '../patches.js';
import { resolveMemberLenient } from '../refs.js';
import { coerceText, readNullableText } from '../validation.js';
import { autoproxyView, settingsGetView, settingsPatchView, systemGuildView } from '../views.js';

export function getSettings(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  return ok(settingsGetView(system.settings, isOwner(ctx, system.uuid)));
}

export function patchSettings(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const system = required(ctx.params.system);
  requireOwner(ctx, system);
  const changes = parseSettingsPatch(body);
  Object.assign(system.settings, changes);
  ctx.dispatch.emit(system.uuid, settingsUpdated(changes));
  return ok(settingsPatchView(system.settings));
}

export function getSystemGuild(ctx: RequestContext): Reply {
  const guildId = parseGuildId(ctx.params.raw.guild_id);
  const system = required(ctx.params.system);
  requireOwner(ctx, system);
  const settings = ctx.store.systemGuilds.get(`${system.uuid}:${guildId}`);
  if (!settings) throw errors.systemGuildNotFound();
  return ok(systemGuildView(settings));
}

export function patchSystemGuild(ctx: RequestContext): Reply {
  const guildId = parseGuildId(ctx.params.raw.guild_id);
  const body = readJsonObject(ctx);
  const system = required(ctx.params.system);
  requireOwner(ctx, system);
  const settings = ctx.store.systemGuilds.get(`${system.uuid}:${guildId}`);
  if (!settings) throw errors.systemGuildNotFound();
  const changes = parseSystemGuildPatch(body);
  Object.assign(settings, changes);
  ctx.dispatch.emit(system.uuid, systemGuildUpdated(guildId, changes));
  return ok(systemGuildView(settings));
}

/** Only per-guild autoproxy exists; channel and global scopes answer 501 after the owner check. */
function autoproxyScope(ctx: RequestContext, system: SystemRecord): { key: string; guildId: string } {
  const guildParam = ctx.query.get('guild_id');
  const channelParam = ctx.query.get('channel_id');
  const guildId = guildParam === null ? null : parseGuildId(guildParam);
  if (channelParam !== null) parseGuildId(channelParam);
  requireOwner(ctx, system);
  if (guildId === null || channelParam !== null) throw errors.unimplemented();
  return { key: `${system.uuid}:${guildId}`, guildId };
}

function autoproxyRow(ctx: RequestContext, key: string): AutoproxyRecord {
  let row = ctx.store.autoproxy.get(key);
  if (!row) {
    row = { autoproxy_mode: 'off', memberUuid: null, last_latch_timestamp: null };
    ctx.store.autoproxy.set(key, row);
  }
  return row;
}

export function getAutoproxy(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  const { key } = autoproxyScope(ctx, system);
  return ok(autoproxyView(ctx.store, autoproxyRow(ctx, key)));
}

function parseMode(value: unknown): AutoproxyMode | undefined {
  if (value === null) return 'off';
  const text = coerceText(value);
  return AUTOPROXY_MODES.find((mode) => mode === text);
}

export function patchAutoproxy(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  const body = readJsonObject(ctx);
  const { key, guildId } = autoproxyScope(ctx, system);
  const row = autoproxyRow(ctx, key);

  let mode = row.autoproxy_mode;
  if ('autoproxy_mode' in body) {
    const parsed = parseMode(body.autoproxy_mode);
    if (!parsed) throw errors.validation({ autoproxy_mode: [{ message: 'Field autoproxy_mode is invalid.' }] });
    mode = parsed;
  }
  // null is treated as "not supplied": it never clears a stored member.
  const memberRef = 'autoproxy_member' in body ? readNullableText(body.autoproxy_member) : null;
  let memberUuid: string | null = null;
  if (memberRef !== null) {
    const member = resolveMemberLenient(ctx.store, memberRef);
    if (!member) throw errors.validation({ autoproxy_member: [{ message: 'Member not found.' }] });
    if (member.systemUuid !== system.uuid) throw errors.forbidden();
    memberUuid = member.uuid;
  }
  if (!('autoproxy_mode' in body) && !('autoproxy_member' in body)) throw errors.badRequest();
  if ((mode === 'off' || mode === 'front') && memberUuid !== null) {
    throw errors.validation({
      autoproxy_member: [{ message: "Cannot update autoproxy member if autoproxy is disabled or set to 'front' mode" }],
    });
  }
  if (mode === 'member' && memberUuid === null && row.memberUuid === null) {
    throw errors.validation({
      autoproxy_member: [{ message: "An autoproxy member must be supplied for autoproxy mode 'member'" }],
    });
  }
  const previousMember = row.memberUuid;
  row.autoproxy_mode = mode;
  if (mode === 'off' || mode === 'front') row.memberUuid = null;
  else if (memberUuid !== null) row.memberUuid = memberUuid;
  // The patch production dispatches: the member is forced to null in off/front, else only a new one.
  const change: AutoproxyChange = {};
  if ('autoproxy_mode' in body) change.autoproxy_mode = mode;
  if (mode === 'off' || mode === 'front') change.autoproxy_member = null;
  else if (memberUuid !== null) change.autoproxy_member = memberUuid;
  ctx.dispatch.emit(system.uuid, autoproxyUpdated(guildId, change));
  // Production quirk (reference §2.1): after switching off, the answer still names the member it
  // just cleared; the next GET shows null.
  return ok(autoproxyView(ctx.store, row, mode === 'off' ? previousMember : undefined));
}
