import { existsSync, readFileSync } from 'node:fs';

/** What a running bot leaves behind: its database file and its log output. */
export interface BotTraces {
  readonly databasePath: string;
  output(): string;
}

/** The plaintext token must appear in no database byte and no log line (of the bot process or the in-process app). */
export function assertTokenNowhere(bot: BotTraces, token: string): void {
  for (const file of [bot.databasePath, `${bot.databasePath}-wal`, `${bot.databasePath}-shm`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    if (bytes.includes(Buffer.from(token, 'utf8'))) throw new Error(`plaintext token found in ${file}`);
  }
  if (bot.output().includes(token)) throw new Error('plaintext token found in the logs');
}
