export { PluralKitClient, type PluralKitClientOptions, type IterateSwitchesOptions } from './client.js';
export type { AuthedCallOptions, CallOptions } from './transport.js';
export * from './errors.js';
export * from './models.js';
export * from './privacy.js';
export * from './refs.js';
export {
  Limits,
  isValidBirthday,
  toPluralKitTimestamp,
  validatePatch,
  validateRequest,
  type AutoproxyPatch,
  type GroupCreate,
  type GroupPatch,
  type MemberCreate,
  type MemberGuildSettingsPatch,
  type MemberPatch,
  type SwitchCreate,
  type SwitchListQuery,
  type SwitchPatch,
  type SystemGuildSettingsPatch,
  type SystemPatch,
  type SystemSettingsPatch,
} from './requests.js';
export { RateLimiter, parseRateLimitHeaders, type RateLimitHeaders, type RateLimitedRequest } from './rate-limiter.js';
