import { frontChange } from './front-change.js';

/** `/switch remove members`: members leave the front in one command; the rest keep fronting. */
export const removeFromFront = frontChange('remove', 'Take members out of the current front (a new switch without them)', 'Who leaves the front, comma-separated');
