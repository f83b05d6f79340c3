import { groupField } from '../../src/discord/fields/entities.js';
import { flag, optional, text } from '../../src/discord/framework/fields.js';

/** Options /stats front and timeline share. */
export const rangeField = () =>
  text({ description: 'How far back: 24h, 7d, 30d (default), 90d, 1y, all, a duration like 100d12h, or a date', max: 100 });

export const statsGroupField = () => optional(groupField('Only count the members of this group'));
export const flatField = () => flag({ description: 'Shares add up to 100% (co-fronting time is split)' });
export const frontersOnlyField = () => flag({ description: 'Leave out time when nobody was fronting' });
