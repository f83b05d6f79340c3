import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');
const CONFIG_MODULE = join(REPO, 'src', 'config.ts');

// Prints what loadConfig() (no arguments: process.env and ./.env) made of the process's environment.
const PROBE = `
import { loadConfig } from ${JSON.stringify(CONFIG_MODULE)};
try {
  const config = loadConfig();
  process.stdout.write(JSON.stringify({ ok: true, config, devGuildIdInEnv: process.env.DEV_GUILD_ID ?? null }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, name: error.name, message: error.message }));
}
`;

interface ProbeResult {
  ok: boolean;
  config?: Record<string, unknown>;
  devGuildIdInEnv?: string | null;
  name?: string;
  message?: string;
}

function probe(cwd: string, env: Record<string, string>): Promise<ProbeResult> {
  writeFileSync(join(cwd, 'probe.ts'), PROBE);
  return new Promise((resolveProbe, reject) => {
    execFile(TSX, [join(cwd, 'probe.ts')], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`probe failed: ${stderr}`));
      else resolveProbe(JSON.parse(stdout) as ProbeResult);
    });
  });
}

describe('loadConfig() in a real process', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function workingDir(dotEnv?: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-dotenv-'));
    dirs.push(dir);
    if (dotEnv !== undefined) writeFileSync(join(dir, '.env'), dotEnv);
    return dir;
  }

  it('loads .env from the working directory into process.env, and the environment wins', async () => {
    const dir = workingDir(
      [
        '# comment',
        'LOG_LEVEL=debug',
        'export DEV_GUILD_ID=111111111111111111',
        'PLURALKIT_USER_AGENT="Quoted Agent/1.0" # trailing comment',
        'DATABASE_PATH=db/here.db',
        'PLURALKIT_API_URL=http://from-file.test/v2',
        '',
      ].join('\n'),
    );
    const result = await probe(dir, { LOG_LEVEL: 'warn', PLURALKIT_API_URL: '' });
    expect(result.ok).toBe(true);
    expect(result.config).toMatchObject({
      logLevel: 'warn',
      devGuildId: '111111111111111111',
      pluralkitUserAgent: 'Quoted Agent/1.0',
      pluralkitApiUrl: 'https://api.pluralkit.me/v2',
      databasePath: join(dir, 'db', 'here.db'),
    });
    // Node's loader put the file's values into process.env for the rest of the process.
    expect(result.devGuildIdInEnv).toBe('111111111111111111');
  });

  it('runs without a .env file', async () => {
    const result = await probe(workingDir(), {});
    expect(result).toMatchObject({ ok: true, config: { logLevel: 'info' } });
  });

  it('reports an invalid value from .env as a ConfigError', async () => {
    const result = await probe(workingDir('DEV_GUILD_ID=nope\n'), {});
    expect(result).toEqual({ ok: false, name: 'ConfigError', message: 'DEV_GUILD_ID must be a Discord ID (17 to 20 digits)' });
  });
});
