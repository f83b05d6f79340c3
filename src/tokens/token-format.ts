/**
 * PluralKit tokens are 64 base64 characters today; accept a little leeway so a
 * future format still reaches the server, but never send prose or a link.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9+/=_-]{32,128}$/;

/** Strips what copy-paste adds around a token (spaces, backticks, spoiler bars, quotes). */
export function cleanTokenInput(input: string): string {
  return input.trim().replace(/^[`|"'\s]+|[`|"'\s]+$/g, '');
}

export function looksLikeToken(input: string): boolean {
  return TOKEN_SHAPE.test(cleanTokenInput(input));
}
