import type { FrontSource } from '../fronts/source.js';

const NAMES: Record<FrontSource, string> = {
  pluralkit: 'PluralKit',
  simplyplural: 'Simply Plural',
  octocon: 'Octocon',
};

/** The app an export file comes from, as people call it. */
export function frontSourceName(source: FrontSource): string {
  return NAMES[source];
}
