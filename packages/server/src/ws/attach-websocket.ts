import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { bearerToken, tokenMatches } from '../http/auth.ts';
import type { Logger } from '../observability/logger.ts';
import type { EventBus } from '../runs/event-bus.ts';
import type { RunRepository } from '../storage/store.ts';
import { WebSocketConnection } from './ws-connection.ts';
import { CLOSE_SHUTTING_DOWN } from './ws-messages.ts';

export interface WebSocketOptions {
  bus: EventBus;
  runs: RunRepository;
  logger: Logger;
  apiToken?: string | undefined;
  /** Origins (`https://host:port`) allowed besides the server's own; `*` allows any. */
  allowedOrigins: string[];
  maxBufferedBytes: number;
  maxSubscriptions?: number;
  /** Interval of the ping that finds dead connections. */
  heartbeatMs?: number;
}

export interface WebSocketEndpoint {
  readonly clients: number;
  close(): void;
}

const SUBPROTOCOL = 'weft';
const TOKEN_PROTOCOL = 'bearer.';

/**
 * Serves `/api/ws` on an HTTP server. The upgrade is refused (before any WebSocket exists) without the
 * API token — as `Authorization: Bearer …`, or for browsers the subprotocol `bearer.<token>` next to
 * `weft` — or from an Origin that is neither the server's own nor allowed.
 */
export function attachWebSocket(server: Server, options: WebSocketOptions): WebSocketEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  const alive = new WeakMap<object, boolean>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/api/ws') return refuse(socket, 404, 'NOT_FOUND', `no WebSocket endpoint at ${path}`);
    if (options.apiToken && !hasToken(request, options.apiToken))
      return refuse(
        socket,
        401,
        'UNAUTHORIZED',
        'send the API token as Authorization: Bearer <token> or subprotocol bearer.<token>',
      );
    if (!originAllowed(request, options.allowedOrigins))
      return refuse(
        socket,
        403,
        'FORBIDDEN_ORIGIN',
        `origin ${request.headers.origin} may not open this WebSocket`,
      );
    wss.handleUpgrade(request, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      new WebSocketConnection(ws, {
        bus: options.bus,
        runs: options.runs,
        logger: options.logger,
        maxBufferedBytes: options.maxBufferedBytes,
        maxSubscriptions: options.maxSubscriptions ?? 1000,
      });
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    get clients() {
      return wss.clients.size;
    },
    close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(CLOSE_SHUTTING_DOWN, 'the server is shutting down');
      wss.close();
    },
  };
}

function hasToken(request: IncomingMessage, token: string): boolean {
  if (tokenMatches(token, bearerToken(request.headers.authorization))) return true;
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL));
  return presented !== undefined && tokenMatches(token, presented.slice(TOKEN_PROTOCOL.length));
}

function originAllowed(request: IncomingMessage, allowed: string[]): boolean {
  const origin = request.headers.origin;
  // Programs (the CLI, curl) send no Origin; browsers always do, and those are what the check is for.
  if (origin === undefined) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `${status === 401 ? 'WWW-Authenticate: Bearer realm="weft"\r\n' : ''}\r\n${body}`,
  );
}
