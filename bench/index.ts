import { benchAutocomplete } from './autocomplete.js';
import { benchBotInteractions } from './bot-interactions.js';
import { benchFrontTracking } from './front-tracking.js';
import { benchMembersGroups } from './members-groups.js';
import { benchPluralKitOverhead } from './pluralkit-overhead.js';
import { benchResolution } from './resolution.js';
import { benchStats } from './stats.js';
import { benchSystem } from './system.js';
import { benchTimeZones } from './time-zones.js';

/*
 * `npm run bench`: prints figures, never fails on them (targets are checked by
 * people reading the output, not by timed tests).
 */
const benches: Array<[string, () => Promise<Record<string, number | string>>]> = [
  ['PluralKit adapter overhead vs bare undici (target ≤ 1.2×)', benchPluralKitOverhead],
  ['Autocomplete in-process on 1,000 members, warm index (target p99 ≤ 5 ms)', benchAutocomplete],
  ['Worst-case name resolution: ~6,000 characters of unknown 64-letter names on 1,000 and 5,000 members (target ≤ 20 ms per list)', benchResolution],
  ['Time zone autocomplete for /system settings: first use builds the year, then per keystroke (target p99 ≤ 5 ms)', benchTimeZones],
  ['Front tracking: autocomplete on 1,000 members (target p99 ≤ 5 ms) and PluralKit requests per command (targets: /fronters 1, warm autocomplete 0)', benchFrontTracking],
  ['Front analytics: engine on 10,000 switches / 300 members (target ≤ 20 ms), chart PNG (target ≤ 100 ms), renderer memory, PluralKit requests for a 30-day read of 1,000 switches (minimum 10)', benchStats],
  ['Members and groups: PluralKit requests per subcommand, lists warm (targets: autocomplete 0, view ≤ 2, writes 1 plus what a confirmation needs)', benchMembersGroups],
  ['/system and /autoproxy: PluralKit requests per subcommand, and adapter endpoints reached by one run of every command (target: all 36)', benchSystem],
  ['Bot interactions: /token status on the real process (targets: median ≤ 2 ms, ≥ 1,000/s, RSS ≤ 100 MB)', benchBotInteractions],
];

for (const [title, run] of benches) {
  console.log(`\n## ${title}`);
  const figures = await run();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
