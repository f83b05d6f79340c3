/**
 * An error whose message is written for the user (a bad option, a guard the API
 * lacks, a missing token). The error funnel shows it as is; everything else is
 * described by error-messages.ts.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
