import { Client, Events, GatewayIntentBits, Partials, type ClientEvents, type Interaction } from 'discord.js';
import type { FakeDiscord } from '../support/fake-discord/index.js';

/** A real discord.js client pointed at the fake, configured like the bot (DM intent, partial channels). */
export function createClient(fake: FakeDiscord): Client {
  return new Client({ intents: [GatewayIntentBits.DirectMessages], partials: [Partials.Channel], rest: { api: fake.apiUrl } });
}

export async function loggedInClient(fake: FakeDiscord): Promise<Client> {
  const client = createClient(fake);
  const ready = nextEvent(client, Events.ClientReady);
  await client.login(fake.botToken);
  await ready;
  return client;
}

/** Subscribe before acting, so the event cannot slip past. */
export function nextEvent<E extends keyof ClientEvents>(client: Client, event: E, timeoutMs = 3_000): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: ClientEvents[E]): void => {
      clearTimeout(timer);
      resolve(args);
    };
    client.once(event, listener);
  });
}

export async function nextInteraction(client: Client): Promise<Interaction> {
  const [interaction] = await nextEvent(client, Events.InteractionCreate);
  return interaction;
}
