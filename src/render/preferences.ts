import type { Preferences } from '../stores/preferences/preferences-store.js';

/** The reply to `/preferences`: what each default is now and how to change it. */
export function renderPreferences(preferences: Preferences, saved: boolean): string {
  const replies =
    preferences.replies === 'only-me'
      ? '**Replies to your reads:** only you see them (add `only_me: False` to post one for everyone).'
      : '**Replies to your reads:** public (add `only_me: True` to see one alone).';
  return [saved ? '✅ Saved.' : null, replies, saved ? null : 'Change it with `/preferences replies:`.'].filter((line) => line !== null).join('\n');
}
