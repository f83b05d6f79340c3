import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RenderOptions, ScenePainter } from './painter.js';
import type { RenderQuestion, RenderReply } from './render-protocol.js';
import type { Scene } from './scene.js';

/*
 * Charts are painted in a child process, not in the bot: Skia and the fonts a chart needs cost
 * 25–150 MB once loaded, and memory a process has used it keeps. The renderer process starts on
 * the first chart (or `warmUp`), serves every chart while busy, and exits after a quiet spell, so
 * the bot's own memory never holds a font.
 */

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers that never keep the bot alive on their own. */
const REAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ChartRendererOptions {
  /** The renderer process exits after this long without a request; the next chart starts a new one. Default 2 minutes. */
  idleMs?: number;
  /** A request unanswered this long ends the renderer process (a hung one must not hold charts forever). Default 30 s. */
  requestTimeoutMs?: number;
  timers?: Timers;
  /** Told when the renderer process ends other than by our asking (a crash, a kill). */
  onUnexpectedExit?: (detail: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

interface Pending {
  child: ChildProcess;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timeout: unknown;
}

/** How to start render-process: compiled JavaScript in a build, TypeScript through tsx from source (tests, scripts). */
function rendererEntry(): { path: string; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { path: fileURLToPath(new URL('./render-process.ts', import.meta.url)), execArgv: ['--import', tsx] };
  }
  return { path: fileURLToPath(new URL('./render-process.js', import.meta.url)), execArgv: [] };
}

export class ChartRenderer implements ScenePainter {
  private child: ChildProcess | undefined;
  /** Processes we asked to stop: their exit is expected. */
  private readonly stopping = new WeakSet<ChildProcess>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: unknown;
  private closed = false;
  private readonly idleMs: number;
  private readonly requestTimeoutMs: number;
  private readonly timers: Timers;

  constructor(private readonly options: ChartRendererOptions = {}) {
    this.idleMs = options.idleMs ?? 120_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.timers = options.timers ?? REAL_TIMERS;
  }

  /** The renderer process's ID while one runs. */
  get processId(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Starts the renderer process if none runs and has it load Skia and the fonts `texts` need
   * (say, the member names): call it when a chart is coming, e.g. before reading the front
   * history, so the chart does not wait for either. Resolves when that is done; never rejects
   * (a failure shows on the chart itself), so it can be left to run.
   */
  async warmUp(texts: readonly string[] = []): Promise<void> {
    await this.ask({ kind: 'prepare', texts }).catch(() => undefined);
  }

  async undrawable(texts: readonly string[]): Promise<string[]> {
    return (await this.ask({ kind: 'undrawable', texts })) as string[];
  }

  async png(scene: Scene, options: RenderOptions = {}): Promise<Buffer> {
    const png = (await this.ask({ kind: 'png', scene, options })) as Uint8Array;
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  /** Ends the renderer process; later requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelIdle();
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Held until it has gone: an idle renderer does not keep the process alive, and we wait for it.
    this.hold(child, true);
    this.stop(child);
    await exited;
  }

  private start(): ChildProcess {
    const entry = rendererEntry();
    // An empty environment: the renderer needs none, and so never sees the bot's secrets.
    const child = fork(entry.path, [], { execArgv: entry.execArgv, env: {}, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.on('message', (reply: RenderReply) => this.settle(reply));
    child.on('exit', (code, signal) => this.exited(child, code, signal));
    child.on('error', (error) => this.failAll(child, error));
    this.child = child;
    return child;
  }

  private ask(question: RenderQuestion): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The chart renderer is closed'));
    this.cancelIdle();
    const child = this.child ?? this.start();
    this.hold(child, true);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timeout = this.timers.setTimeout(() => this.hung(child, id), this.requestTimeoutMs);
      this.pending.set(id, { child, resolve, reject, timeout });
      child.send({ ...question, id }, (error) => {
        if (error) this.finish(id, (entry) => entry.reject(error));
      });
    });
  }

  private finish(id: number, outcome: (entry: Pending) => void): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    this.timers.clearTimeout(entry.timeout);
    outcome(entry);
    if (this.pending.size === 0 && this.child) this.becomeIdle(this.child);
  }

  private settle(reply: RenderReply): void {
    this.finish(reply.id, (entry) => ('error' in reply ? entry.reject(new Error(`Chart rendering failed: ${reply.error}`)) : entry.resolve(reply.result)));
  }

  private hung(child: ChildProcess, id: number): void {
    this.stop(child);
    this.finish(id, (entry) => entry.reject(new Error(`The chart renderer did not answer within ${this.requestTimeoutMs} ms`)));
  }

  private failAll(child: ChildProcess, error: Error): void {
    for (const [id, entry] of this.pending) if (entry.child === child) this.finish(id, (pending) => pending.reject(error));
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child === child) this.child = undefined;
    if (!this.stopping.has(child)) this.options.onUnexpectedExit?.({ code, signal });
    this.failAll(child, new Error(`The chart renderer stopped (${signal ?? `exit code ${code}`})`));
  }

  /** Asks a renderer process to end; requests after this start a new one. */
  private stop(child: ChildProcess): void {
    this.stopping.add(child);
    if (this.child === child) this.child = undefined;
    child.kill();
  }

  /** An idle renderer neither keeps the bot running nor lives long. */
  private becomeIdle(child: ChildProcess): void {
    this.hold(child, false);
    this.cancelIdle();
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = undefined;
      if (this.pending.size === 0 && this.child === child) this.stop(child);
    }, this.idleMs);
  }

  private cancelIdle(): void {
    if (this.idleTimer === undefined) return;
    this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private hold(child: ChildProcess, busy: boolean): void {
    if (busy) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  }
}
