import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readMultipart } from './http-io.js';
import { answerInteraction } from './routes/interaction-routes.js';
import type { FakeState } from './state.js';
import type { RecordedRequest, SignedPostOptions, SignedPostResult } from './types.js';

/**
 * Discord's other way of delivering interactions: a POST to the application's Interactions
 * Endpoint URL, signed with Ed25519 over timestamp + body, whose HTTP response is the first
 * callback (JSON or multipart with files) and must come within the interaction window (3 s).
 */
export class HttpDelivery {
  private readonly privateKey: KeyObject;
  /** The application's public key as the Developer Portal shows it (64 hex digits). */
  readonly publicKeyHex: string;
  endpoint: string | null = null;

  constructor(
    private readonly state: FakeState,
    private readonly record: (request: Omit<RecordedRequest, 'index'>) => void,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.publicKeyHex = Buffer.from(jwk.x!, 'base64url').toString('hex');
  }

  /** A POST to the bot signed as Discord signs (or wrongly, as Discord also does to test endpoints). */
  async post(url: string, body: string, options: SignedPostOptions = {}): Promise<SignedPostResult> {
    const timestamp = String(Math.floor((options.at ?? Date.now()) / 1000));
    const signature = options.signature ?? sign(null, Buffer.from(timestamp + (options.signedBody ?? body), 'utf8'), this.privateKey).toString('hex');
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
    if (options.omit !== 'signature') headers['x-signature-ed25519'] = signature;
    if (options.omit !== 'timestamp') headers['x-signature-timestamp'] = timestamp;
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    const contentType = response.headers.get('content-type') ?? '';
    const raw = Buffer.from(await response.arrayBuffer());
    return { status: response.status, contentType, raw };
  }

  /** Delivers an INTERACTION_CREATE payload; the HTTP response is applied as its first callback. */
  deliver(payload: { id: string; token: string }, onSent: (at: number) => void): void {
    void this.deliverNow(payload, onSent);
  }

  private async deliverNow(payload: { id: string; token: string }, onSent: (at: number) => void): Promise<void> {
    const record = this.state.interactions.get(payload.id);
    if (!this.endpoint || !record) {
      record?.refusals.push('no interactions endpoint set: call setInteractionsEndpoint');
      this.state.signal.notify();
      return;
    }
    const sentAt = Date.now();
    onSent(sentAt);
    let result: SignedPostResult;
    try {
      result = await this.post(this.endpoint, JSON.stringify(payload), { timeoutMs: this.state.config.interactionWindowMs });
    } catch (error) {
      record.refusals.push(`no HTTP answer within ${this.state.config.interactionWindowMs} ms (${error instanceof Error ? error.name : 'error'})`);
      this.state.signal.notify();
      return;
    }
    if (result.status !== 200) {
      record.refusals.push(`HTTP ${result.status} from the interactions endpoint`);
      this.state.signal.notify();
      return;
    }
    const parsed = result.contentType.startsWith('multipart/form-data')
      ? await readMultipart(result.raw, result.contentType)
      : { body: JSON.parse(result.raw.toString('utf8')) as unknown, files: [], uploads: [] };
    const path = `/interactions/${payload.id}/${payload.token}/callback`;
    const answered = answerInteraction({ params: { interaction: payload.id, token: payload.token }, query: {}, body: parsed.body, state: this.state });
    this.record({
      method: 'POST',
      path,
      rawPath: `(HTTP response) ${path}`,
      query: {},
      headers: { 'content-type': result.contentType },
      body: parsed.body,
      files: parsed.files,
      uploads: parsed.uploads,
      route: 'interaction-callback (inline HTTP response)',
      status: answered.status,
      at: Date.now(),
    });
    this.state.signal.notify();
  }
}
