import { frontChange } from './front-change.js';

/** `/switch add members`: a co-fronter joins in one command (PluralKit's `pk;switch copy`). */
export const addToFront = frontChange('add', 'Add members to the current front (a new switch with them as co-fronters)', 'Who joins the front, comma-separated');
