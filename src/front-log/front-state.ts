import { z } from 'zod';
import { isMemberHidden, publicMember } from '../pluralkit/privacy.js';
import { PluralKitError } from '../pluralkit/errors.js';
import type { Services } from '../services.js';
import type { LogPrivacy } from '../stores/log-subscriptions/log-subscription-store.js';

/**
 * What a log shows: the current fronters as the log's privacy lets it name them, since when, and
 * how many fronters it may not name. Kept as posted (`lastPosted`), to say who left next time.
 */
export interface FrontState {
  kind: 'fronting' | 'no-switches' | 'front-private';
  /** Named fronters, in the switch's order: short ID and the name the privacy allows. */
  members: Array<{ id: string; name: string }>;
  /** Fronters not named (hidden from the public). */
  privateCount: number;
  /** The switch's time (ISO), when there is one to show. */
  since: string | null;
}

const stateSchema = z.object({
  kind: z.enum(['fronting', 'no-switches', 'front-private']),
  members: z.array(z.object({ id: z.string(), name: z.string() })),
  privateCount: z.number().int().nonnegative(),
  since: z.string().nullable(),
});

/** The state kept in the store, or null when there is none (or it does not read: then nobody "left"). */
export function readPostedState(text: string | null): FrontState | null {
  if (text === null) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Reads the state from PluralKit now, with the owner's token (the own-system rate bucket): the
 * fronters, and for `public` the system's front privacy, then PluralKit's own public-view rules:
 * hidden members are counted, never named; a private name shows as the public view shows it.
 */
export async function readFrontState(services: Services, token: string, privacy: LogPrivacy): Promise<FrontState> {
  const [fronters, system] = await Promise.all([
    services.pluralkit.getFronters('@me', { token }),
    privacy === 'public' ? services.pluralkit.getSystem('@me', { token }) : Promise.resolve(null),
  ]);
  if (system && system.privacy && system.privacy.front_privacy !== 'public') return { kind: 'front-private', members: [], privateCount: 0, since: null };
  if (!fronters) return { kind: 'no-switches', members: [], privateCount: 0, since: null };
  const shown = privacy === 'public' ? fronters.members.filter((member) => !isMemberHidden(member)).map(publicMember) : fronters.members;
  return {
    kind: 'fronting',
    members: shown.map((member) => ({ id: member.id, name: member.name })),
    privateCount: fronters.members.length - shown.length,
    since: fronters.timestamp,
  };
}

/** PluralKit refused the owner's token (it was reset or the system deleted). */
export function isTokenRefused(error: unknown): boolean {
  return error instanceof PluralKitError && error.kind === 'api' && error.status === 401;
}

