import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../support/pluralkit-emulator/cli.ts', import.meta.url));

let child: ChildProcess | undefined;
let tempDir: string | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
});

function startCli(args: string[]): Promise<{ url: string; output: () => string }> {
  child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output}`)), 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /listening: (http:\/\/\S+\/v2)/.exec(output);
      if (match?.[1] && /token: /.test(output)) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output });
      }
    };
    started.stdout?.on('data', onData);
    started.stderr?.on('data', onData);
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}: ${output}`));
    });
  });
}

describe('cli', () => {
  it('serves a system from a seed file and prints its emulator token', async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'pk-emulator-cli-'));
    const seedPath = join(tempDir, 'seed.json');
    writeFileSync(
      seedPath,
      JSON.stringify({
        systems: [{ id: 'sandb', name: 'Sandbox', token: 'sandbox-token', members: [{ id: 'membr', name: 'Member' }] }],
      }),
    );
    const { url, output } = await startCli(['--port', '0', '--seed', seedPath]);
    expect(output()).toContain('sandbox-token');
    const response = await fetch(`${url}/systems/@me/members`, { headers: { authorization: 'sandbox-token', 'user-agent': 'cli-test' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Array<{ id: string }>).map((member) => member.id)).toEqual(['membr']);
  });

  it('refuses an invalid seed file', async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'pk-emulator-cli-'));
    const seedPath = join(tempDir, 'seed.json');
    writeFileSync(seedPath, JSON.stringify({ systems: [{ id: 'NOT VALID' }] }));
    await expect(startCli(['--port', '0', '--seed', seedPath])).rejects.toThrow(/exited with 1/);
  });
});
