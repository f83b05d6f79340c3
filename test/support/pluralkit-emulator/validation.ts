import { errors, type FieldError } from './errors.js';
import type { Privacy, ProxyTag } from './model.js';

/**
 * Readers that reproduce .NET/Newtonsoft coercion (reference §1.4, §1.8, §3): strings accept
 * numbers, empty/whitespace strings become null, booleans go through Convert.ChangeType (JSON
 * null → 500), objects where a scalar is expected → generic 400.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects 40001 field errors keyed by field name, each an array. */
export class FieldErrors {
  private readonly fields = new Map<string, FieldError[]>();

  add(key: string, error: FieldError): void {
    const list = this.fields.get(key) ?? [];
    list.push(error);
    this.fields.set(key, list);
  }

  invalid(key: string): void {
    this.add(key, { message: `Field ${key} is invalid.` });
  }

  tooLong(key: string, actual: number, max: number): void {
    this.add(key, { message: `Field ${key} is too long.`, actual_length: actual, max_length: max });
  }

  get any(): boolean {
    return this.fields.size > 0;
  }

  throwIfAny(): void {
    if (this.any) throw errors.validation(Object.fromEntries(this.fields));
  }
}

/** Raw text as .NET reads it, before the empty → null rule. */
export function coerceText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  throw errors.badRequest();
}

export function readNullableText(value: unknown): string | null {
  const text = coerceText(value);
  return text === null || text.trim() === '' ? null : text;
}

export function readBoolean(value: unknown): boolean {
  if (value === null) throw errors.internal();
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  throw errors.badRequest();
}

export function readInteger(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  throw errors.badRequest();
}

export function limitedText(fieldErrors: FieldErrors, key: string, value: unknown, max: number): string | null {
  const text = readNullableText(value);
  if (text !== null && text.length > max) fieldErrors.tooLong(key, text.length, max);
  return text;
}

const URL_MAX = 256;

function isHttpsUrl(text: string): boolean {
  const unwrapped = text.startsWith('<') && text.endsWith('>') ? text.slice(1, -1) : text;
  try {
    const url = new URL(unwrapped);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

export function urlField(fieldErrors: FieldErrors, key: string, value: unknown): string | null {
  const text = readNullableText(value);
  if (text === null) return null;
  if (text.length > URL_MAX) fieldErrors.tooLong(key, text.length, URL_MAX);
  else if (!isHttpsUrl(text)) fieldErrors.invalid(key);
  return text;
}

const COLOR = /^[0-9a-fA-F]{6}$/;

export function colorField(fieldErrors: FieldErrors, key: string, value: unknown): string | null {
  const text = readNullableText(value);
  if (text !== null && !COLOR.test(text)) fieldErrors.invalid(key);
  return text;
}

const BIRTHDAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function birthdayField(fieldErrors: FieldErrors, value: unknown): string | null {
  const text = readNullableText(value);
  if (text === null) return null;
  const match = BIRTHDAY.exec(text);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) fieldErrors.invalid('birthday');
  return text;
}

export function privacyValue(fieldErrors: FieldErrors, key: string, value: unknown): Privacy | undefined {
  if (value === null) return 'public';
  if (typeof value === 'object') throw errors.badRequest();
  if (value === '') return 'private';
  if (value === 'public' || value === 'private') return value;
  fieldErrors.invalid(key);
  return undefined;
}

/** Reads a nested `privacy` object; null is ignored, a non-object is a generic 400. */
export function privacyPatch<K extends string>(
  fieldErrors: FieldErrors,
  body: JsonObject,
  keys: readonly K[],
): Partial<Record<K, Privacy>> | undefined {
  if (!('privacy' in body) || body.privacy === null) return undefined;
  const privacy = body.privacy;
  if (!isJsonObject(privacy)) throw errors.badRequest();
  const result: Partial<Record<K, Privacy>> = {};
  for (const key of keys) {
    if (!(key in privacy)) continue;
    const value = privacyValue(fieldErrors, key, privacy[key]);
    if (value !== undefined) result[key] = value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

const MAX_PROXY_TAGS = 100;
const MAX_PROXY_TAG_LENGTH = 100;
const PROXY_TEXT_PLACEHOLDER_LENGTH = 'text'.length;

export function proxyTagsField(fieldErrors: FieldErrors, value: unknown): ProxyTag[] {
  if (value === null) throw errors.internal();
  if (!Array.isArray(value)) throw errors.badRequest();
  const tags: ProxyTag[] = [];
  for (const entry of value) {
    if (!isJsonObject(entry)) continue;
    const prefix = readNullableText(entry.prefix ?? null);
    const suffix = readNullableText(entry.suffix ?? null);
    if (prefix === null && suffix === null) continue;
    // Production drops an over-long suffix-only tag silently instead of rejecting it.
    if (prefix === null && suffix !== null && suffix.length + PROXY_TEXT_PLACEHOLDER_LENGTH > MAX_PROXY_TAG_LENGTH) continue;
    tags.push({ prefix, suffix });
  }
  const tooLong = tags.some(
    (tag) => (tag.prefix?.length ?? 0) + PROXY_TEXT_PLACEHOLDER_LENGTH + (tag.suffix?.length ?? 0) > MAX_PROXY_TAG_LENGTH,
  );
  if (tags.length > MAX_PROXY_TAGS || tooLong) fieldErrors.invalid('proxy_tags');
  return tags;
}

