import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { gatewayFrameSchema, identifySchema, resumeSchema } from './schemas.js';
import type { ChangeSignal } from './waiting.js';
import type { IdentifyPayload } from './types.js';

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;
const CloseCode = { AuthenticationFailed: 4004, AlreadyAuthenticated: 4005, DecodeError: 4002 } as const;

export type HandshakeKind = 'identified' | 'resumed';

/** One successful IDENTIFY or RESUME; `proven` once the client answered the heartbeat request that followed it. */
export interface Handshake {
  readonly kind: HandshakeKind;
  proven: boolean;
}

interface GatewayOptions {
  botToken: string;
  heartbeatIntervalMs: number;
  resumeUrl: () => string;
  readyData: (sessionId: string) => Record<string, unknown>;
  signal: ChangeSignal;
}

interface OutgoingEvent {
  t: string;
  d: unknown;
  onSent?: (at: number) => void;
}

interface SentEvent {
  s: number;
  t: string;
  d: unknown;
}

interface Connection {
  socket: WebSocket;
  /** Set once IDENTIFY/RESUME succeeded; events are only sent on an authenticated connection. */
  handshake: Handshake | null;
}

/**
 * One-shard gateway. Dispatches go out on the live, authenticated connection; while
 * there is none they wait in an outbox. A RESUME replays what the client missed
 * and then delivers the outbox. A fresh IDENTIFY also gets the outbox (after READY):
 * real Discord would drop those events, but tests should not have to time them.
 */
export class FakeGateway {
  readonly identifies: IdentifyPayload[] = [];
  /** In order; a heartbeat request follows READY/RESUMED and its answer proves the client read them. */
  readonly handshakes: Handshake[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly outbox: OutgoingEvent[] = [];
  private sent: SentEvent[] = [];
  private sessionId: string | null = null;
  private sequence = 0;
  private live: Connection | null = null;

  constructor(private readonly options: GatewayOptions) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  dispatch(t: string, d: unknown, onSent?: (at: number) => void): void {
    this.outbox.push({ t, d, ...(onSent ? { onSent } : {}) });
    this.flush();
  }

  drop(code: number): void {
    const connection = this.live;
    this.live = null;
    connection?.socket.close(code, 'dropped by test');
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const connection: Connection = { socket, handshake: null };
    socket.on('message', (raw) => this.receive(connection, raw.toString()));
    socket.on('close', () => {
      if (this.live === connection) this.live = null;
    });
    this.send(connection, { op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private receive(connection: Connection, text: string): void {
    let frame: { op: number; d?: unknown };
    try {
      frame = gatewayFrameSchema.parse(JSON.parse(text));
    } catch {
      connection.socket.close(CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (frame.op) {
      case Op.Heartbeat:
        this.send(connection, { op: Op.HeartbeatAck });
        if (connection.handshake && !connection.handshake.proven) {
          connection.handshake.proven = true;
          this.options.signal.notify();
        }
        return;
      case Op.Identify:
        this.identify(connection, frame.d);
        return;
      case Op.Resume:
        this.resume(connection, frame.d);
        return;
      default:
        // Presence updates, member requests and voice state are irrelevant to an interactions bot.
        return;
    }
  }

  private identify(connection: Connection, data: unknown): void {
    if (connection.handshake) {
      connection.socket.close(CloseCode.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const parsed = identifySchema.safeParse(data);
    if (!parsed.success) {
      connection.socket.close(CloseCode.DecodeError, 'Invalid IDENTIFY payload.');
      return;
    }
    this.identifies.push(parsed.data as IdentifyPayload);
    this.options.signal.notify();
    if (!this.tokenMatches(parsed.data.token)) {
      connection.socket.close(CloseCode.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    this.replaceLive(connection);
    this.sessionId = randomBytes(16).toString('hex');
    this.sequence = 0;
    this.sent = [];
    this.startHandshake(connection, 'identified');
    this.sendDispatch(connection, 'READY', this.options.readyData(this.sessionId));
    this.requestHeartbeatProof(connection);
    this.flush();
  }

  private resume(connection: Connection, data: unknown): void {
    const parsed = resumeSchema.safeParse(data);
    if (!parsed.success) {
      connection.socket.close(CloseCode.DecodeError, 'Invalid RESUME payload.');
      return;
    }
    if (!this.tokenMatches(parsed.data.token)) {
      connection.socket.close(CloseCode.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    if (parsed.data.session_id !== this.sessionId) {
      this.send(connection, { op: Op.InvalidSession, d: false });
      return;
    }
    this.replaceLive(connection);
    this.startHandshake(connection, 'resumed');
    const seenUpTo = parsed.data.seq ?? 0;
    for (const event of this.sent.filter((e) => e.s > seenUpTo)) this.send(connection, { op: Op.Dispatch, ...event });
    this.sendDispatch(connection, 'RESUMED', {});
    this.requestHeartbeatProof(connection);
    this.flush();
  }

  private replaceLive(connection: Connection): void {
    if (this.live && this.live !== connection) this.live.socket.close(4000, 'replaced by a newer connection');
    this.live = connection;
  }

  private startHandshake(connection: Connection, kind: HandshakeKind): void {
    connection.handshake = { kind, proven: false };
    this.handshakes.push(connection.handshake);
  }

  private requestHeartbeatProof(connection: Connection): void {
    this.send(connection, { op: Op.Heartbeat, d: null });
  }

  private flush(): void {
    const connection = this.live;
    if (!connection?.handshake) return;
    while (this.outbox.length > 0) {
      const event = this.outbox.shift()!;
      this.sendDispatch(connection, event.t, event.d);
      event.onSent?.(Date.now());
    }
  }

  private sendDispatch(connection: Connection, t: string, d: unknown): void {
    const event: SentEvent = { s: ++this.sequence, t, d };
    this.sent.push(event);
    this.send(connection, { op: Op.Dispatch, ...event });
  }

  private send(connection: Connection, frame: Record<string, unknown>): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    connection.socket.send(JSON.stringify({ s: null, t: null, d: null, ...frame }));
  }

  private tokenMatches(token: string): boolean {
    return token.replace(/^Bot /, '') === this.options.botToken;
  }
}
