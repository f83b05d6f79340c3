import { choice, text, textChannel } from '../../../src/framework/fields.js';

/** The log channel: a text or announcement channel of this server. */
export const logChannelField = (description = 'The channel to post front changes in') => textChannel({ description });

export const logStyleField = () =>
  choice({ description: 'log: a message per front change (default); board: one message kept up to date', choices: ['log', 'board'] as const });

export const logPrivacyField = () =>
  choice({ description: "public: as PluralKit's public view shows them (default); full: as you see them", choices: ['public', 'full'] as const });

/** What PluralKit shows after `pk;system webhook <url>`: 64 characters. */
export const signingTokenField = () =>
  text({ description: 'The signing token PluralKit showed', max: 100, min: 1, required: true, form: { label: 'Signing token from PluralKit', style: 'short', placeholder: '64 characters' } });
