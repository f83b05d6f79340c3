import type { KeyIdCount, TokenStore } from '../stores/tokens/token-store.js';
import { recordedKeyCheck, type RecordedKeyCheck } from './key-check.js';

/** What the vault holds, by key, without opening anything: enough to decide whether a new key is safe. */
export interface SealedTokenCensus {
  total: number;
  /** Stored tokens per key ID that sealed them, most first. */
  byKeyId: KeyIdCount[];
  keyCheck: RecordedKeyCheck;
}

export async function takeSealedTokenCensus(tokens: TokenStore): Promise<SealedTokenCensus> {
  const byKeyId = await tokens.countByKeyId();
  return { total: byKeyId.reduce((sum, group) => sum + group.tokens, 0), byKeyId, keyCheck: recordedKeyCheck(await tokens.keyCheck()) };
}
