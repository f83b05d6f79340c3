import type { Dispatcher } from './dispatcher.js';
import { generateToken } from './ids.js';
import type { SystemRecord } from './model.js';

/**
 * `pk;system webhook <url>` (PluralKit.Bot/Commands/Api.cs + the delivery proxy's test mode): check
 * the URL, generate a signing token and show it, then POST a PING with that token (must answer 200)
 * and a PING with a fresh random token (must answer 401). Only then are URL and token stored.
 *
 * Deliberate test allowance: PluralKit takes only `https` URLs that resolve to public IPv4; the
 * emulator also takes `http` to a loopback host (127.0.0.0/8, localhost, [::1]) so tests can run a
 * plain local receiver. Literal private addresses stay refused.
 */

/** Why PluralKit refused the URL: the delivery proxy's status, or the bot's own checks before it. */
export type WebhookRefusalReason = 'InvalidUrl' | 'DiscordWebhookUrl' | 'FetchFailed' | 'TestFailed' | `InvalidResponseCode(${number})`;

export class WebhookUrlRefused extends Error {
  constructor(
    readonly reason: WebhookRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookUrlRefused';
  }
}

const DISCORD_WEBHOOK = /https:\/\/(?:\w+.)?discord(?:app)?.com\/api(?:\/v.*)?\/webhooks\/(.*)/;
const LOOPBACK_HOST = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/i;
const PRIVATE_IPV4 = /^(?:0\.|10\.|169\.254\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/;

function isAcceptedUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const loopback = LOOPBACK_HOST.test(url.hostname);
  if (url.protocol === 'http:') return loopback;
  return url.protocol === 'https:' && (loopback || !PRIVATE_IPV4.test(url.hostname));
}

/** The bot's wording when the proxy reports `FetchFailed` (no answer, or none within 10 s). */
function unreachable(): WebhookUrlRefused {
  return new WebhookUrlRefused('FetchFailed', 'Failed to validate the webhook url: unable to reach server');
}

export async function registerWebhookUrl(
  dispatcher: Dispatcher,
  system: SystemRecord,
  url: string,
  beforeTest?: (signingToken: string) => void | Promise<void>,
): Promise<string> {
  if (!isAcceptedUrl(url)) {
    throw new WebhookUrlRefused(
      'InvalidUrl',
      `The URL \`${url}\` is invalid or I cannot access it. Are you sure this is a valid, publicly accessible URL?`,
    );
  }
  if (DISCORD_WEBHOOK.test(url)) {
    throw new WebhookUrlRefused(
      'DiscordWebhookUrl',
      "PluralKit does not currently support setting a Discord webhook URL as your system's webhook URL.",
    );
  }
  const signingToken = generateToken();
  await beforeTest?.(signingToken);
  const genuine = await dispatcher.ping(url, signingToken, system.uuid);
  if (genuine.kind !== 'answered') throw unreachable();
  if (genuine.status !== 200) {
    const status = `InvalidResponseCode(${genuine.status})` as const;
    throw new WebhookUrlRefused(status, `Failed to validate the webhook url: an unknown error occurred (${status})`);
  }
  const forged = await dispatcher.ping(url, generateToken(), system.uuid);
  if (forged.kind !== 'answered') throw unreachable();
  if (forged.status !== 401) {
    throw new WebhookUrlRefused('TestFailed', 'Failed to validate the webhook url: server failed to validate the signing token');
  }
  system.webhook_url = url;
  system.webhook_token = signingToken;
  return signingToken;
}

/** `pk;system webhook clear`: URL and token go together; no event is sent. */
export function clearWebhookUrl(system: SystemRecord): void {
  system.webhook_url = null;
  system.webhook_token = null;
}
