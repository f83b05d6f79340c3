import type { Services } from '../services.js';
import type { LogSubscription } from '../stores/log-subscriptions/log-subscription-store.js';
import type { FrontLogPoster } from './poster.js';

export interface SystemRound {
  /** Which logs the round is over, for the warning when they cannot be read. */
  logs: 'polled' | 'dispatched';
  read(): Promise<LogSubscription[]>;
  /** Claim key prefix: each system is claimed as `<prefix>:<system UUID>`. */
  claimPrefix: string;
  leaseMs: number;
  signal: AbortSignal | undefined;
}

/**
 * One round of a repeating front-log job over the systems with such logs: each system is claimed
 * in the store first, so with several instances every system is worked on once a round, then
 * `work` gets that system's logs. Logs that cannot be read are tried again next round.
 */
export async function forEachClaimedSystem(
  services: Services,
  poster: FrontLogPoster,
  round: SystemRound,
  work: (systemUuid: string, subscriptions: LogSubscription[]) => Promise<void>,
): Promise<void> {
  let subscriptions: LogSubscription[];
  try {
    subscriptions = await round.read();
  } catch (error) {
    services.logger.warn({ err: error }, `front log: could not read the ${round.logs} logs`);
    return;
  }
  for (const systemUuid of new Set(subscriptions.map((subscription) => subscription.systemUuid))) {
    if (round.signal?.aborted) return;
    if (!(await poster.claim(`${round.claimPrefix}:${systemUuid}`, round.leaseMs))) continue;
    await work(
      systemUuid,
      subscriptions.filter((subscription) => subscription.systemUuid === systemUuid),
    );
  }
}
