/*
 * The same benches measured on commit cd11353 (before the work on issues 11 and 12: limiter,
 * shared reads, cache bounds, vault statements, one undici, V8 flags), on the same 2-core machine,
 * printed beside each run's figures as "before". Recorded once, not re-measured: machine load
 * moves throughput by ±50 %, so compare shapes (429s, requests, MB), not the last digit.
 */
export const BEFORE: Readonly<Record<string, number | string>> = {
  // The 5-minute session (issue 12's measurement)
  'PluralKit requests in the 5-minute session': 20,

  // PluralKit adapter overhead (the bench then measured the same request path; no public views existed)
  'getSystem.ratio': 1.2,
  'getSystemMembers.ratio': 1.14,

  // Rate limiter burst after header-less responses
  'no call budget (target: 100 succeed): succeeded': 100,
  'no call budget (target: 100 succeed): PluralKit 429 answers (target 0)': 91,
  'no call budget (target: 100 succeed): requests sent': 191,
  'no call budget (target: 100 succeed): seconds': 18.8,
  '8 s interactive budget: succeeded': 9,
  '8 s interactive budget: PluralKit 429 answers (target 0)': 91,
  '8 s interactive budget: requests sent': 100,
  '8 s interactive budget: failures': "91 × timeout ('PluralKit took too long') after a 429, at once",

  // Public /fronters burst on the real process
  'answered with data (target >= 190 of 200)': 88,
  'PluralKit requests sent (target <= 50)': 88,
  'PluralKit 429 answers': 0,
  'seconds until the last answer': 8,

  // Vault
  'get(): stored token, decrypted (µs per call)': 51,

  // Front tracking
  'PluralKit requests: /fronters': 1,
  'PluralKit requests: /switch new (warm member cache)': 2,

  // Bot interactions
  'RSS idle after start and 200 interactions (MB)': 125.6,
  'interaction latency median (ms)': 1,
  'interaction latency p99 (ms)': 7,
  'interactions per second (50 in flight; target >= 1,000)': 1491,
  'RSS after 10,000 interactions at full speed (MB; target <= 130)': 170.3,
  'RSS after 10,000 interactions paced at 100/s (MB; target <= 110)': 143.1,

  // Member-list cache memory
  'RSS before loading (MB)': 135.1,
  'RSS right after 500 users loaded a 1000-member list (MB)': 984,
  'RSS 30 s later, idle (MB)': 944.9,
  'growth right after / idle (MB)': '848.9 / 809.8',
};
