import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = resolve(ROOT, 'dist/src/index.js');
const SOURCE_ENTRY = resolve(ROOT, 'src/index.ts');

/**
 * How `npm start` runs node: the environment it sets before `node` (`MALLOC_ARENA_MAX=2`) and the
 * node flags (V8 heap sizing), so tests and benchmarks run the process exactly as users and
 * process managers are told to.
 */
export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const parts = manifest.scripts.start.split(/\s+/);
  const node = parts.indexOf('node');
  const env = Object.fromEntries(parts.slice(0, Math.max(0, node)).map((part) => part.split('=', 2) as [string, string]));
  return { env, flags: parts.slice(node + 1).filter((part) => part.startsWith('--')) };
}

/** The node flags of `npm start`. */
export function startFlags(): string[] {
  return startCommand().flags;
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly databasePath: string;
  /** Every stdout/stderr line so far (pino JSON lines and plain errors). */
  readonly lines: string[];
  output(): string;
  logs(): Array<Record<string, unknown>>;
  waitForLog(predicate: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  waitForExit(timeoutMs?: number): Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  cleanup(): void;
}

/** How to run the bot: the build (`dist/`, with `npm start`'s flags or the ones given) or, with no build step, its sources through tsx. */
function commandLine(fromSource: boolean, nodeFlags: readonly string[] | undefined): string[] {
  if (!fromSource) return [...(nodeFlags ?? startFlags()), ENTRY];
  return ['--import', import.meta.resolve('tsx'), SOURCE_ENTRY];
}

/**
 * Runs the real, built bot (`node dist/src/index.js`, not `npm start`, so that
 * signals reach it) with a clean environment: only what the test passes.
 * `fromSource` runs `src/` through tsx instead, for the playground, which should not wait for a build.
 */
export function startBotProcess(
  env: Record<string, string | undefined>,
  options: { dataDir?: string; fromSource?: boolean; /** Node flags instead of `npm start`'s (benchmarks comparing settings). */ nodeFlags?: readonly string[] } = {},
): BotProcess {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const databasePath = env.DATABASE_PATH ?? join(dataDir, 'switchboard.db');
  // npm start's environment (MALLOC_ARENA_MAX) comes with its flags; given flags come with the env the caller gives.
  const startEnv = options.nodeFlags || options.fromSource ? {} : startCommand().env;
  const cleanEnv: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, LOG_LEVEL: 'debug', DATABASE_PATH: databasePath, ...startEnv };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;
  // cwd is the temp dir so a developer's own .env is never picked up.
  if (options.fromSource) cleanEnv.TSX_TSCONFIG_PATH = resolve(ROOT, 'tsconfig.json');
  const child = spawn(process.execPath, commandLine(options.fromSource ?? false, options.nodeFlags), { cwd: dataDir, env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer, carry: { rest: string }): void => {
    const text = carry.rest + chunk.toString('utf8');
    const parts = text.split('\n');
    carry.rest = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line.length > 0));
    for (const wake of waiters) wake();
  };
  const outCarry = { rest: '' };
  const errCarry = { rest: '' };
  child.stdout!.on('data', (chunk: Buffer) => collect(chunk, outCarry));
  child.stderr!.on('data', (chunk: Buffer) => collect(chunk, errCarry));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolveExit) => {
    child.on('exit', (code) => {
      exitCode = code;
      resolveExit(code);
    });
  });

  const parse = (): Array<Record<string, unknown>> =>
    lines.flatMap((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });

  return {
    child,
    dataDir,
    databasePath,
    lines,
    output: () => lines.join('\n'),
    logs: parse,
    waitForLog(predicate, timeoutMs = 10_000) {
      return new Promise((resolveLog, reject) => {
        const check = (): boolean => {
          const found = parse().find(predicate);
          if (found) {
            cleanupWaiter();
            resolveLog(found);
            return true;
          }
          if (exitCode !== undefined) {
            cleanupWaiter();
            reject(new Error(`bot exited (${exitCode}) before the expected log line:\n${lines.slice(-20).join('\n')}`));
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          cleanupWaiter();
          reject(new Error(`timed out waiting for a log line:\n${lines.slice(-20).join('\n')}`));
        }, timeoutMs);
        const wake = (): void => void check();
        const cleanupWaiter = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
        void exited.then(() => check());
        check();
      });
    },
    waitForExit(timeoutMs = 10_000) {
      return Promise.race([
        exited,
        new Promise<number | null>((_, reject) => setTimeout(() => reject(new Error('bot did not exit in time')), timeoutMs).unref()),
      ]);
    },
    async stop(signal = 'SIGTERM') {
      if (exitCode !== undefined) return exitCode;
      child.kill(signal);
      return this.waitForExit();
    },
    cleanup() {
      if (exitCode === undefined) child.kill('SIGKILL');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
