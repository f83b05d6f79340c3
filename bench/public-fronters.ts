import { performance } from 'node:perf_hooks';
import { startBenchWorld } from './support.js';

/*
 * A burst of public /fronters on the real bot process against the emulator with
 * PluralKit's rate limits ON: 200 users at once, asking about 50 systems (4 users
 * per system). At most one PluralKit request per system is needed.
 */

const SYSTEMS = 50;
const ASKS = 200;
const GUILD = '292000000000000000';

export async function benchPublicFronters(): Promise<Record<string, number | string>> {
  const world = await startBenchWorld({ rateLimits: true });
  const { discord, pluralkit } = world;
  try {
    const systems: string[] = [];
    for (let i = 0; i < SYSTEMS; i++) {
      const system = pluralkit.seedSystem({ name: `System ${i}` });
      const a = pluralkit.seedMember(system.id, { name: `Alpha ${i}` });
      const b = pluralkit.seedMember(system.id, { name: `Beta ${i}` });
      pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3_600_000), members: [a.id, b.id] });
      systems.push(system.id);
    }
    pluralkit.clearRequests();

    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: ASKS }, (_, i) => {
        const user = { id: String(293000000000000000n + BigInt(i)), username: `asker${i}` };
        return discord
          .slashCommand({ name: 'fronters', options: { system: systems[i % SYSTEMS]! }, user, guildId: GUILD })
          .finalMessage(60_000)
          .catch((error: unknown) => ({ content: `no answer: ${(error as Error).message.slice(0, 40)}` }));
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    let withData = 0;
    const otherAnswers = new Map<string, number>();
    for (const answer of answers as Array<{ content?: string; embeds?: Array<{ fields?: Array<{ name: string }> }> }>) {
      if (answer.embeds?.[0]?.fields?.some((field) => field.name.startsWith('Current fronter'))) withData++;
      else {
        const text = (answer.content ?? '(embed without fronters)').replace(/\d+ s\b/, 'N s').slice(0, 70);
        otherAnswers.set(text, (otherAnswers.get(text) ?? 0) + 1);
      }
    }
    const figures: Record<string, number | string> = {
      'answered with data (target >= 190 of 200)': withData,
      'PluralKit requests sent (target <= 50)': pluralkit.requests.length,
      'PluralKit 429 answers': pluralkit.requests.filter((r) => r.status === 429).length,
      'seconds until the last answer': Math.round(seconds * 10) / 10,
    };
    for (const [text, count] of otherAnswers) figures[`other answer × ${count}`] = text;
    return figures;
  } finally {
    await world.stop();
  }
}
