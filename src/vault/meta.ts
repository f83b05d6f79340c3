import type Database from 'better-sqlite3';

/** Small named values that belong with the data (command-registration hash, vault key check). */
export function getMeta(db: Database.Database, key: string): string | undefined {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
  return row?.value;
}

export function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteMeta(db: Database.Database, key: string): boolean {
  return db.prepare('DELETE FROM meta WHERE key = ?').run(key).changes > 0;
}
