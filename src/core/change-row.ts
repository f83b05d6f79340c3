/** One field of a write, before and after: the data behind every "before → after" line. */
export interface ChangeRow {
  label: string;
  /** As shown to people; null = not set. */
  before: string | null;
  after: string | null;
}
