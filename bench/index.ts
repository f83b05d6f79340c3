import { benchAutocomplete } from './autocomplete.js';
import { benchBotInteractions } from './bot-interactions.js';
import { benchFrontTracking } from './front-tracking.js';
import { benchMembersGroups } from './members-groups.js';
import { benchPluralKitOverhead } from './pluralkit-overhead.js';

/*
 * `npm run bench`: prints figures, never fails on them (targets are checked by
 * people reading the output, not by timed tests).
 */
const benches: Array<[string, () => Promise<Record<string, number | string>>]> = [
  ['PluralKit adapter overhead vs bare undici (target ≤ 1.2×)', benchPluralKitOverhead],
  ['Autocomplete in-process on 1,000 members, warm index (target p99 ≤ 5 ms)', benchAutocomplete],
  ['Front tracking: autocomplete on 1,000 members (target p99 ≤ 5 ms) and PluralKit requests per command (targets: /fronters 1, warm autocomplete 0)', benchFrontTracking],
  ['Members and groups: PluralKit requests per subcommand, lists warm (targets: autocomplete 0, view ≤ 2, writes 1 plus what a confirmation needs)', benchMembersGroups],
  ['Bot interactions: /token status on the real process (targets: median ≤ 2 ms, ≥ 1,000/s, RSS ≤ 100 MB)', benchBotInteractions],
];

for (const [title, run] of benches) {
  console.log(`\n## ${title}`);
  const figures = await run();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
