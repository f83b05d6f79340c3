import { benchAutocomplete } from './autocomplete.js';
import { BEFORE } from './baseline.js';
import { benchBotInteractions } from './bot-interactions.js';
import { benchFrontLog } from './front-log.js';
import { benchFrontTracking } from './front-tracking.js';
import { benchHttp } from './http.js';
import { benchImport } from './import.js';
import { benchInstances } from './instances.js';
import { benchLongReads } from './long-reads.js';
import { benchMemberListsMemory } from './member-lists-memory.js';
import { benchMembersGroups } from './members-groups.js';
import { benchMemorySettings } from './memory-settings.js';
import { benchPluralKitOverhead } from './pluralkit-overhead.js';
import { benchPublicFronters } from './public-fronters.js';
import { benchRateLimitBurst } from './rate-limit-burst.js';
import { benchResolution } from './resolution.js';
import { benchStats } from './stats.js';
import { benchStores } from './stores.js';
import { benchSessionRequests } from './session-requests.js';
import { benchSystem } from './system.js';
import { benchTimeZones } from './time-zones.js';
import { benchVaultReads } from './vault-reads.js';

/*
 * `npm run bench`: prints figures, never fails on them (targets are checked by
 * people reading the output, not by timed tests), each beside the figure
 * recorded before issue 12's work where there is one (bench/baseline.ts).
 * `npm run bench -- <word>` runs only the benches whose title contains that word.
 */
const benches: Array<[string, () => Promise<Record<string, number | string>>]> = [
  ['PluralKit adapter overhead vs bare undici, warm, four calls (target ≤ 1.15×)', benchPluralKitOverhead],
  ['Rate limiter: 100 GETs at once with limits on, after responses without rate-limit headers (target: 0 × 429, all succeed)', benchRateLimitBurst],
  ['Long reads under load: 200 interactions at once, 40 of them /stats-like whole-history reads of a 10,000-switch system, with limits on and the 8 s interactive budget (targets: long reads answered or told how long to wait, not all refused; 0 × 429)', benchLongReads],
  ['Public /fronters: 200 users at once over 50 systems on the real process, PluralKit limits on (targets: ≥ 190 with data, ≤ 50 requests)', benchPublicFronters],
  ['Vault reads per interaction (before: get() prepared its statement on every call)', benchVaultReads],
  ['Many instances, one against two in http mode on one PostgreSQL and one Redis: interactions/s with 50 in flight and p99, PluralKit requests and 429s for 200 public /fronters over 50 systems (targets ≤ 50, 0 × 429)', benchInstances],
  ['Many instances, storage: prompt claim, interaction-state write and read per call, SQLite vs PostgreSQL', benchStores],
  ['Autocomplete in-process on 1,000 members, warm index (target p99 ≤ 5 ms)', benchAutocomplete],
  ['Worst-case name resolution: ~6,000 characters of unknown 64-letter names on 1,000 and 5,000 members (target ≤ 20 ms per list)', benchResolution],
  ['Time zone autocomplete for /system settings: first keystroke, then per keystroke (target p99 ≤ 5 ms), memory held', benchTimeZones],
  ['Front tracking: autocomplete on 1,000 members (target p99 ≤ 5 ms) and PluralKit requests per command (targets: /fronters 1, warm autocomplete 0)', benchFrontTracking],
  ['A 5-minute session of one user: token, /fronters ×5, /switch new ×3 with typing, history ×2 pages, message lookups ×3 (target ≤ 15 requests)', benchSessionRequests],
  ['Front analytics (/stats): engine on 10,000 switches / 300 members under the npm start flags (target ≤ 10 ms, linear to 50,000), chart PNG (target ≤ 100 ms), renderer memory, PluralKit requests for a 30-day read of 1,000 switches (minimum 10)', benchStats],
  ['Members and groups: PluralKit requests per subcommand, lists warm (targets: autocomplete 0, view ≤ 2 (+1 cached front-history page for last fronted), writes 1 plus what a confirmation needs)', benchMembersGroups],
  ['/system and /autoproxy: PluralKit requests per subcommand, and adapter endpoints reached by one run of every command (target: all 36)', benchSystem],
  ['Bot interactions: /token status on the real process (targets: ≥ 1,000/s; RSS ≤ 130 MB full speed, ≤ 110 MB paced)', benchBotInteractions],
  ['Memory settings for npm start: a mix of real commands (/fronters, /switch new, /member view, autocomplete, one chart with emoji names) on a fresh real process per candidate (targets: paced RSS ≤ 110 MB, throughput ≥ 0.9× no flags)', benchMemorySettings],
  ['Member-list cache memory: 500 users with 1,000-member systems on the real process (target: base + cache limit)', benchMemberListsMemory],
  ['HTTP interactions endpoint beside the gateway: signature check (target ≤ 0.2 ms), /fronters round trips, interactions/s with 50 in flight (target ≥ 1,500/s), RSS paced (target ≤ 75 MB), forged POSTs beside signed traffic', benchHttp],
  ['Front history import and export: read and plan 10,000 front entries (time, memory), export 10,000 switches (PluralKit requests, minimum ⌈n/100⌉ + 1; time), a confirmed import of 1,000 switches on the real bot with limits on (wall time vs the write-budget floor; 0 × 429)', benchImport],
  ['Live front log: dispatch receiver on the real process, CREATE_MESSAGE envelopes flooded and paced at 2,000/s (target: 2,000/s ignored, p99 <= 5 ms, no memory growth), CREATE_SWITCH to post; polling: PluralKit requests per round for 1, 100 and 1,000 logs (target: none outside the own-system buckets)', benchFrontLog],
];

const only = process.argv[2]?.toLowerCase();
for (const [title, run] of benches) {
  if (only && !title.toLowerCase().includes(only)) continue;
  console.log(`\n## ${title}`);
  const figures = await run();
  for (const [name, value] of Object.entries(figures)) {
    const before = BEFORE[name];
    console.log(before === undefined ? `${name}: ${value}` : `${name}: ${value}   (before: ${before})`);
  }
}
