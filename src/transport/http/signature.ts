import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Discord refuses to trust a request whose timestamp is further than this from now (replays). */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (32 raw bytes, as the Developer Portal shows in hex) as a key object, built once. */
export function discordPublicKey(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new RangeError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export type SignatureVerdict = 'valid' | 'missing' | 'malformed' | 'stale' | 'invalid';

/**
 * Discord signs `X-Signature-Timestamp` + the raw body with the application's key
 * (`X-Signature-Ed25519`, hex). Checked with node:crypto (tens of microseconds). The timestamp is
 * Unix seconds; one too far from `now` is refused, so a captured request cannot be replayed later.
 */
export function verifyDiscordSignature(key: KeyObject, headers: { signature: string | undefined; timestamp: string | undefined }, body: Buffer, now: number): SignatureVerdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing';
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  if (Math.abs(now - Number(timestamp) * 1000) > SIGNATURE_MAX_SKEW_MS) return 'stale';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? 'valid' : 'invalid';
}

/**
 * The JSON body of a request Discord signed (interactions, webhook events): the raw bytes checked
 * first, then parsed; otherwise the answer Discord expects (401 for any signature problem, 400 for
 * a body that is not JSON).
 */
export function readSignedJson(
  key: KeyObject,
  request: { body: Buffer; signature: string | undefined; timestamp: string | undefined },
  now: number,
): { ok: true; raw: unknown } | { ok: false; status: 400 | 401; verdict: SignatureVerdict | 'not-json' } {
  const verdict = verifyDiscordSignature(key, request, request.body, now);
  if (verdict !== 'valid') return { ok: false, status: 401, verdict };
  try {
    return { ok: true, raw: JSON.parse(request.body.toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, verdict: 'not-json' };
  }
}
