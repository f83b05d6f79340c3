import type { Responder } from '../interaction/responder.js';
import type { Logger } from '../logger.js';
import { renderLateOutcome, renderStillChecking } from '../render/writes.js';
import type { Services } from '../services.js';
import type { WriteAudience } from '../writes/writes.js';
import { INTERACTION_LIFETIME_MS } from './progress.js';

/**
 * The services one interaction's handler sees: the shared ones, with the writes it makes bound to
 * it. A write whose answer is lost is "still being checked" in this interaction's reply while
 * Discord lets the reply change (its outcome then replaces that); when the outcome comes later
 * than that, it is sent as a DM, and only logged when the user takes no DMs from the bot.
 */
export function servicesForInteraction(services: Services, interaction: { reply: Responder; userId: string; log: Logger }): Services {
  const { reply, userId, log } = interaction;
  const audience: WriteAudience = {
    log,
    answerableForMs: INTERACTION_LIFETIME_MS,
    stillChecking: (write) => reply.progress(renderStillChecking(write)),
    async settledLate(write, verdict) {
      const sent = await services.discord.sendDirectMessage(userId, renderLateOutcome(write, verdict));
      if (sent === 'dms-closed') log.warn({ verdict }, 'the outcome of a write whose answer was lost could not be told: the user takes no DMs');
      else log.info({ verdict }, 'told the outcome of a write whose answer was lost by DM');
    },
  };
  return { ...services, writes: services.writes.for(audience) };
}
