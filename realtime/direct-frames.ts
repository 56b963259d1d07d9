/**
 * Broadcast frames written straight to the WebSocket (decision 036).
 *
 * A broadcast (`io.to(room).emit`) is encoded once: Socket.IO's adapter builds the WebSocket frame itself
 * (`wsPreEncodedFrame`) and hands it to every socket of the room. Each socket then still goes through engine.io's
 * per-packet machinery: a packet object, the `packetCreate` and `flush` events (on the socket and on the server), a
 * write buffer, the transport's send and a write callback that emits `drain`. At 50,000 deliveries/s that work,
 * not the frame, is most of Socket.IO's cost beside a raw `ws` server (docs/benchmarks/realtime-rooms.md).
 *
 * When nothing can be overtaken, the frame goes to the socket's WebSocket sender directly, as engine.io's own
 * WebSocket transport would send it: the connection is open, not upgrading, on the WebSocket transport without
 * per-message compression, and engine.io's write buffer is empty (anything engine.io sent before is already in
 * the TCP stream ahead of this frame, so order holds). Everything else (polling, an upgrade in progress, a queued
 * packet, a socket's own `emit`, an acknowledgement, a volatile packet the transport could not take now) takes
 * Socket.IO's path unchanged. realtime/direct-frames.test.ts covers each case.
 *
 * It relies on two members that are not typed: `wsPreEncodedFrame`, which socket.io-adapter sets and engine.io
 * reads, and ws's `_sender.sendFrame`, which engine.io's transport calls itself. When either is missing (another
 * engine, another version), `isDirectPathAvailable` is false and every write takes Socket.IO's path.
 */

interface FrameSender {
  sendFrame: (frame: Buffer[], callback?: (error?: Error) => void) => void;
}

interface EngineTransport {
  name: string;
  writable: boolean;
  perMessageDeflate?: unknown;
  socket?: { readyState: number; _sender?: { sendFrame?: unknown } };
}

interface EngineConnection {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: EngineTransport;
}

interface WriteOptions {
  volatile?: boolean;
  wsPreEncodedFrame?: Buffer[];
}

interface SocketIoClient {
  conn: EngineConnection;
  writeToEngine: (encodedPackets: unknown, options: WriteOptions) => void;
}

const WEBSOCKET_OPEN = 1;

/** The WebSocket sender a pre-encoded frame may be written to now, or undefined when Socket.IO's path must run. */
export function directSender(conn: EngineConnection, options: WriteOptions): FrameSender | undefined {
  if (options.wsPreEncodedFrame === undefined) return undefined;
  if (conn.readyState !== 'open' || conn.upgrading || conn.writeBuffer.length > 0) return undefined;
  const transport = conn.transport;
  if (transport.name !== 'websocket' || transport.perMessageDeflate) return undefined;
  // Socket.IO drops a volatile packet the transport cannot take right now; keep that rule.
  if (options.volatile && !transport.writable) return undefined;
  const socket = transport.socket;
  if (!socket || socket.readyState !== WEBSOCKET_OPEN) return undefined;
  const sender = socket._sender;
  return typeof sender?.sendFrame === 'function' ? (sender as FrameSender) : undefined;
}

/** True when this Socket.IO client exposes what the direct path needs (checked once per connection). */
export function isDirectPathAvailable(client: unknown): client is SocketIoClient {
  const candidate = client as Partial<SocketIoClient> | null;
  return (
    typeof candidate?.writeToEngine === 'function' &&
    typeof candidate.conn === 'object' &&
    candidate.conn !== null &&
    Array.isArray(candidate.conn.writeBuffer)
  );
}

function writeToEngineDirectly(
  this: SocketIoClient & { [SOCKET_IO_WRITE]: SocketIoClient['writeToEngine'] },
  encodedPackets: unknown,
  options: WriteOptions,
) {
  const sender = directSender(this.conn, options);
  if (sender) sender.sendFrame(singleBufferFrame(options.wsPreEncodedFrame!));
  else this[SOCKET_IO_WRITE](encodedPackets, options);
}

const MERGED = Symbol('minka.mergedFrame');

/**
 * The frame as one buffer, made once per broadcast and kept on the frame array that every socket of the broadcast
 * shares: a frame in two parts (header, payload) costs each socket a cork, two writes, an uncork and a vectored
 * write; in one part it is a single write.
 */
export function singleBufferFrame(frame: Buffer[] & { [MERGED]?: Buffer[] }): Buffer[] {
  if (frame.length < 2) return frame;
  return (frame[MERGED] ??= [Buffer.concat(frame)]);
}

const SOCKET_IO_WRITE = Symbol('minka.socketIoWrite');

/** On connection: this socket's broadcasts take the direct path whenever it is safe (see above). */
export function writeBroadcastFramesDirectly(socket: { client: unknown }) {
  const client = socket.client;
  if (!isDirectPathAvailable(client)) return;
  const own = client as SocketIoClient & { [SOCKET_IO_WRITE]?: SocketIoClient['writeToEngine'] };
  if (own[SOCKET_IO_WRITE]) return; // a second namespace on the same connection: already done
  own[SOCKET_IO_WRITE] = client.writeToEngine;
  client.writeToEngine = writeToEngineDirectly;
}

interface RoomAdapter {
  rooms: Map<string, Set<string>>;
  nsp: { sockets: Map<string, unknown> };
  apply: (options: { rooms: Set<string>; except?: Set<string> }, callback: (socket: unknown) => void) => void;
}

const ADAPTER_APPLY = Symbol('minka.adapterApply');

/**
 * A broadcast to one room without exceptions (every `io.to(room).emit` in Minka) visits that room's members
 * directly. socket.io-adapter's `apply` builds a Set of the ids it has visited, so that a socket in two of the
 * targeted rooms gets the packet once, and a Set of excepted ids; with one room and no exception both are empty
 * work, yet they were about a tenth of the server's CPU at 50,000 deliveries/s (decision 036). Every other
 * broadcast (several rooms, `except`, all sockets) takes the adapter's own `apply`.
 */
export function visitOneRoomDirectly(adapter: unknown) {
  const candidate = adapter as Partial<RoomAdapter> & { [ADAPTER_APPLY]?: RoomAdapter['apply'] };
  if (typeof candidate.apply !== 'function' || !(candidate.rooms instanceof Map) || candidate[ADAPTER_APPLY]) return;
  if (!(candidate.nsp?.sockets instanceof Map)) return;
  const own = candidate as RoomAdapter & { [ADAPTER_APPLY]: RoomAdapter['apply'] };
  own[ADAPTER_APPLY] = own.apply;
  own.apply = function applyToOneRoom(options, callback) {
    if (options.rooms.size !== 1 || (options.except !== undefined && options.except.size > 0))
      return this[ADAPTER_APPLY](options, callback);
    const room = options.rooms.values().next().value as string;
    const members = this.rooms.get(room);
    if (!members) return;
    const sockets = this.nsp.sockets;
    for (const id of members) {
      const socket = sockets.get(id);
      if (socket) callback(socket);
    }
  };
}
