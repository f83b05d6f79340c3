import type { APIEmbed } from 'discord-api-types/v10';
import type { System } from '../pluralkit/models.js';
import type { StoredToken } from '../tokens/encrypted-tokens.js';
import { safeName } from '../text/markdown.js';
import { when } from '../time/format.js';

const SETUP_COLOR = 0x5865f2;

/** The DM that starts token setup (the button that opens the form comes with it). */
export const SETUP_EXPLANATION: APIEmbed = {
  title: 'Connect your PluralKit system',
  color: SETUP_COLOR,
  description: [
    'Switchboard needs your PluralKit **token** to read and change your system for you.',
    '',
    '1. Send `pk;token` to PluralKit; it answers in DMs with a long string.',
    '2. Press **Enter token** below and paste it (or paste it here as a message).',
    '',
    '⚠️ The token grants **full control** of your system: anyone who has it can read private data, edit or delete everything. ' +
      'Only give it to Switchboard in this DM or its pop-up form, never in a server channel.',
    'If it ever leaks, send `pk;token refresh` to PluralKit: the old token stops working at once.',
    '',
    'Switchboard stores it encrypted and uses it only for your own commands.',
  ].join('\n'),
};

export function renderTokenStatus(stored: Pick<StoredToken, 'systemId' | 'setAt' | 'verifiedAt'>, systemName: string | null, problem: string | null): APIEmbed {
  const name = systemName ? `**${safeName(systemName)}** ` : '';
  return {
    title: 'PluralKit token',
    color: SETUP_COLOR,
    description: [
      `Connected to ${name}\`${stored.systemId}\`.`,
      `Set ${when(stored.setAt)}.`,
      `Last verified ${when(stored.verifiedAt)}.`,
      ...(problem ? ['', `⚠️ ${problem}`] : []),
    ].join('\n'),
    footer: { text: 'Use /token remove to forget it, or /token set to replace it.' },
  };
}

export function connectedMessage(system: Pick<System, 'id' | 'name'>): string {
  const name = system.name ? `**${safeName(system.name)}**` : 'your system';
  return `✅ Connected to ${name} (\`${system.id}\`). Your token is stored encrypted and only used for your own commands. Try \`/fronters\` or \`/switch new\`.`;
}

export const DMS_CLOSED_TEXT =
  "❌ I couldn't send you a DM: your DMs are closed to me. Open **User Settings → Privacy & Safety** (or this server's **Privacy Settings**) and allow direct messages, then run `/token set` again. You can also run `/token set` in a DM with me.";

export const DM_REFUSED_TEXT =
  "❌ I couldn't send you a DM just now (Discord refused it). Try `/token set` again in a moment, or run `/token set` in a DM with me, where the form opens at once.";

export const SETUP_DM_SENT_TEXT = '📬 Check your DMs: I sent you the next step there. Never paste your token in a server channel.';

export const NO_TOKEN_TO_REMOVE_TEXT = 'No PluralKit token is stored for you, so there is nothing to remove.';

export const CONFIRM_TOKEN_REMOVE_TEXT = '⚠️ Forget your stored PluralKit token? Switchboard will no longer be able to change your system until you set it up again.';

/** After `/token remove`: whether a token was forgotten, and how many of the user's front logs (which read with it) were ended. */
export function tokenRemovedMessage(removed: boolean, logsEnded: number): string {
  const lines = [removed ? '✅ Your PluralKit token is forgotten.' : 'There was no stored token to forget.'];
  if (logsEnded > 0) {
    const logs = logsEnded === 1 ? 'Your front log was' : `Your ${logsEnded} front logs were`;
    lines.push(`${logs} ended too: ${logsEnded === 1 ? 'it' : 'they'} read your fronters with this token. Run \`/log setup\` again after \`/token set\` to start logging again.`);
  }
  if (removed) lines.push('To make sure the token can never be used again, send `pk;token refresh` to PluralKit.');
  return lines.join('\n');
}
