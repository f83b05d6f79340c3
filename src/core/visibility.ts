/**
 * The one place that decides who can see a reply. Everything that is not a
 * public read of public data is ephemeral: writes, setup, message info, errors,
 * and any owner (private) view.
 */
export type Visibility = 'public' | 'ephemeral';

export type ReplyPurpose =
  | { kind: 'public-read' }
  | { kind: 'private-read' }
  | { kind: 'write' }
  | { kind: 'setup' }
  | { kind: 'message-info' }
  | { kind: 'help' }
  | { kind: 'error' };

export function visibilityFor(purpose: ReplyPurpose): Visibility {
  return purpose.kind === 'public-read' ? 'public' : 'ephemeral';
}

/** Read commands take `private: true` for the owner's full view; that view is never public. */
export function readVisibility(privateView: boolean): Visibility {
  return visibilityFor(privateView ? { kind: 'private-read' } : { kind: 'public-read' });
}
