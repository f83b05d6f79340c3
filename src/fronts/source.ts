/** The apps whose export files `/import fronts` reads. */
export const FRONT_SOURCES = ['pluralkit', 'simplyplural', 'octocon'] as const;
export type FrontSource = (typeof FRONT_SOURCES)[number];

/** The `source` option: one of the apps, or `auto` to tell from the file. */
export type FrontSourceChoice = 'auto' | FrontSource;
