import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import type { Services } from '../../src/services.js';
import { verifyAndStoreToken } from '../../src/access/token-setup.js';
import { describeError } from '../../src/render/errors.js';
import { openSqliteStores, type SqliteStores } from '../../src/stores/sqlite/sqlite-stores.js';
import { EncryptedTokens } from '../../src/tokens/encrypted-tokens.js';
import { deriveKeyId } from '../../src/vault/crypto.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/* What a user is told when the token check fails for a reason other than the token. */

const USER = '295000000000000001';
let emulator: PluralKitEmulator;
let client: PluralKitClient;
let stores: SqliteStores;
let services: Pick<Services, 'pluralkit' | 'tokens'>;

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: true });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', callBudgetMs: 400, timeoutMs: 300, maxRetries: 1 });
  const key = randomBytes(32);
  stores = openSqliteStores(':memory:');
  services = { pluralkit: client, tokens: new EncryptedTokens(stores.tokens, { key, keyId: deriveKeyId(key) }) };
});
afterEach(async () => {
  await client.close();
  await stores.close();
});

async function refusal(token: string): Promise<string> {
  const error = await verifyAndStoreToken(services as Services, USER, token).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error).not.toBeNull();
  expect(await services.tokens.get(USER)).toBeNull();
  // What the user reads: the error funnel's wording.
  return describeError(error, { hasStoredToken: false });
}

describe('token setup when PluralKit cannot check the token', () => {
  it('held back by our own rate limiter: "rate-limiting … try again", not "could not be reached"', async () => {
    const system = emulator.seedSystem();
    // Twelve reads with the same token: 8 go at once, 4 queue (100–400 ms); the check would go at 500 ms, past its 400 ms budget.
    emulator.injectFault({ path: '/systems/@me/switches', delayMs: 300, times: 12 });
    const busy = Array.from({ length: 12 }, (_, i) => client.getSystemSwitches('@me', { limit: i + 1 }, { token: system.token! }).catch(() => undefined));
    const text = await refusal(system.token!);
    await Promise.all(busy);
    expect(text).toMatch(/rate-limiting requests right now.*try again in \d+ s/);
    expect(text).not.toMatch(/could not be reached/);
  });

  it('a 429 from PluralKit past the budget: the same, with its retry_after', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: '/systems/@me', status: 429, body: { message: '429: too many requests', retry_after: 7_000, scope: 'generic_get', code: 0 } });
    expect(await refusal(system.token!)).toMatch(/rate-limiting requests right now.*try again in 7 s/);
  });

  it('a timeout says PluralKit did not answer in time', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: '/systems/@me', delayMs: 1_000, times: 3 });
    const text = await refusal(system.token!);
    expect(text).toMatch(/did not answer in time/);
    expect(text).not.toMatch(/could not be reached/);
  });

  it('PluralKit down (503) still says it could not be reached', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: '/systems/@me', status: 503, times: 5 });
    expect(await refusal(system.token!)).toMatch(/could not be reached/);
  });
});
