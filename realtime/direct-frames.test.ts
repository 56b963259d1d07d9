import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { directSender, singleBufferFrame, visitOneRoomDirectly, writeBroadcastFramesDirectly } from './direct-frames';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const close of cleanup.splice(0)) close();
});

describe('directSender: when a pre-encoded frame may bypass engine.io', () => {
  const sender = { sendFrame: () => {} };
  const frame = [Buffer.from([0x81, 0x01]), Buffer.from('4')];
  const safe = () => ({
    readyState: 'open',
    upgrading: false,
    writeBuffer: [] as unknown[],
    transport: {
      name: 'websocket',
      writable: true,
      perMessageDeflate: null as unknown,
      socket: { readyState: 1, _sender: sender as { sendFrame?: unknown } },
    },
  });

  it('gives the WebSocket sender when nothing can be overtaken', () => {
    expect(directSender(safe(), { wsPreEncodedFrame: frame })).toBe(sender);
    // A frame still being written by engine.io is already in the TCP stream: writing after it keeps the order.
    const busy = safe();
    busy.transport.writable = false;
    expect(directSender(busy, { wsPreEncodedFrame: frame })).toBe(sender);
  });

  const unsafe: Array<[string, (conn: ReturnType<typeof safe>) => void, { volatile?: boolean; frame?: boolean }?]> = [
    ['no pre-encoded frame (a socket’s own emit)', () => {}, { frame: false }],
    ['the connection is closing', (conn) => (conn.readyState = 'closing')],
    ['an upgrade is in progress', (conn) => (conn.upgrading = true)],
    ['engine.io holds a queued packet', (conn) => conn.writeBuffer.push({ type: 'message' })],
    ['the transport is polling', (conn) => (conn.transport.name = 'polling')],
    ['per-message compression is on', (conn) => (conn.transport.perMessageDeflate = {})],
    ['a volatile packet while the transport is busy', (conn) => (conn.transport.writable = false), { volatile: true }],
    ['the WebSocket is closing', (conn) => (conn.transport.socket.readyState = 2)],
    ['the WebSocket has no frame sender (another engine)', (conn) => (conn.transport.socket._sender = {})],
  ];
  it.each(unsafe)('takes Socket.IO’s path when %s', (_, change, options = {}) => {
    const conn = safe();
    change(conn);
    const result = directSender(conn, {
      volatile: options.volatile,
      wsPreEncodedFrame: options.frame === false ? undefined : frame,
    });
    expect(result).toBeUndefined();
  });
});

/** A Socket.IO server with the direct path on every connection, and clients in room "r". */
async function roomWithClients(
  transports: Array<Array<'websocket' | 'polling'>>,
  prepare: (io: Server) => void = () => {},
) {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  prepare(io);
  const serverSockets: ServerSocket[] = [];
  io.on('connection', (socket) => {
    writeBroadcastFramesDirectly(socket);
    void socket.join('r');
    serverSockets.push(socket);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];
  for (const list of transports) {
    const client = connect(url, { transports: list, upgrade: false, forceNew: true });
    clients.push(client);
    await new Promise<void>((resolve) => client.on('connect', resolve));
  }
  await vi.waitFor(() => expect(serverSockets).toHaveLength(transports.length));
  cleanup.push(() => {
    for (const client of clients) client.close();
    void io.close();
  });
  return { io, clients, serverSockets };
}

function collect(client: ClientSocket, event: string, count: number) {
  const received: unknown[] = [];
  const done = new Promise<unknown[]>((resolve) =>
    client.on(event, (value: unknown) => {
      received.push(value);
      if (received.length === count) resolve(received);
    }),
  );
  return done;
}

describe('singleBufferFrame', () => {
  it('joins a header and payload into one buffer, once for every socket of the broadcast', () => {
    const frame = [Buffer.from([0x81, 0x05]), Buffer.from('42[1]')];
    const merged = singleBufferFrame(frame);
    expect(merged).toHaveLength(1);
    expect(merged[0].equals(Buffer.from([0x81, 0x05, ...Buffer.from('42[1]')]))).toBe(true);
    expect(singleBufferFrame(frame)).toBe(merged); // the second socket gets the same buffer, not a new copy
    expect(frame).toHaveLength(2); // engine.io's path still gets the frame as Socket.IO made it
  });

  it('leaves a frame already in one part as it is', () => {
    const frame = [Buffer.from([0x81, 0x01, 0x34])];
    expect(singleBufferFrame(frame)).toBe(frame);
  });
});

describe('writeBroadcastFramesDirectly on a real Socket.IO server', () => {
  it('writes each broadcast to the TCP socket once, as one frame', async () => {
    const { io, clients, serverSockets } = await roomWithClients([['websocket']]);
    const tcp = (
      serverSockets[0].conn as unknown as { transport: { socket: { _socket: { write: (chunk: Buffer) => boolean } } } }
    ).transport.socket._socket;
    const writes = vi.spyOn(tcp, 'write');
    const received = collect(clients[0], 'm', 10);
    for (let i = 0; i < 10; i++) io.to('r').emit('m', i);
    expect(await received).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(writes).toHaveBeenCalledTimes(10);
    const first = writes.mock.calls[0][0];
    expect(first[0]).toBe(0x81); // a final text frame, header and payload together
    expect(first.subarray(2).toString()).toBe('42["m",0]');
  });

  it('delivers a room broadcast without engine.io’s per-packet write, and a socket’s own emit with it', async () => {
    const { io, clients, serverSockets } = await roomWithClients([['websocket'], ['websocket']]);
    const engineWrites = serverSockets.map((socket) => vi.spyOn(socket.conn, 'write'));
    const received = clients.map((client) => collect(client, 'm', 100));
    for (let i = 0; i < 100; i++) io.to('r').emit('m', { i });
    for (const list of await Promise.all(received))
      expect(list).toEqual(Array.from({ length: 100 }, (_, i) => ({ i })));
    for (const write of engineWrites) expect(write).not.toHaveBeenCalled();

    // A socket's own emit is not pre-encoded: it takes engine.io's path, and arrives.
    const own = collect(clients[0], 'own', 1);
    serverSockets[0].emit('own', 'hello');
    expect(await own).toEqual(['hello']);
    expect(engineWrites[0]).toHaveBeenCalledTimes(1);
  });

  it('keeps the order when engine.io has queued packets: the broadcast waits behind them', async () => {
    const { io, clients, serverSockets } = await roomWithClients([['websocket']]);
    const received = collect(clients[0], 'seq', 6);
    // The first emit leaves the transport busy until its write completes, so the next ones queue in engine.io's
    // write buffer; a broadcast written past that buffer would arrive before them.
    serverSockets[0].emit('seq', 1);
    serverSockets[0].emit('seq', 2);
    io.to('r').emit('seq', 3);
    serverSockets[0].emit('seq', 4);
    io.to('r').emit('seq', 5);
    await new Promise((resolve) => setImmediate(resolve));
    io.to('r').emit('seq', 6);
    expect(await received).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('leaves a polling client on Socket.IO’s path, and it gets the broadcast too', async () => {
    const { io, clients, serverSockets } = await roomWithClients([['polling'], ['websocket']]);
    const pollingWrite = vi.spyOn(serverSockets[0].conn, 'write');
    const received = clients.map((client) => collect(client, 'm', 3));
    for (let i = 0; i < 3; i++) io.to('r').emit('m', i);
    for (const list of await Promise.all(received)) expect(list).toEqual([0, 1, 2]);
    expect(pollingWrite).toHaveBeenCalledTimes(3);
  });

  it('still drops a volatile broadcast the busy transport cannot take, as Socket.IO does', async () => {
    const { io, clients, serverSockets } = await roomWithClients([['websocket']]);
    const received: unknown[] = [];
    clients[0].on('v', (value: unknown) => received.push(value));
    const last = collect(clients[0], 'end', 1);
    serverSockets[0].emit('busy', 'x'); // the transport is busy until this write completes
    io.to('r').volatile.emit('v', 'dropped');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    io.to('r').volatile.emit('v', 'delivered');
    io.to('r').emit('end', true);
    await last;
    expect(received).toEqual(['delivered']);
  });
});

describe('visitOneRoomDirectly', () => {
  /** Four clients: 0 and 1 in room a, 1 and 2 in room b, 3 in neither (all in "r"); the adapter's own apply spied. */
  async function rooms() {
    let adapterApply: ReturnType<typeof vi.spyOn> | undefined;
    const setup = await roomWithClients([['websocket'], ['websocket'], ['websocket'], ['websocket']], (io) => {
      const adapter = io.of('/').adapter as unknown as { apply: (...args: unknown[]) => void };
      adapterApply = vi.spyOn(adapter, 'apply');
      visitOneRoomDirectly(io.of('/').adapter);
    });
    // Join through the client's id, so that client i is the one in the rooms the test expects.
    const byClient = (i: number) => setup.serverSockets.find((socket) => socket.id === setup.clients[i].id)!;
    await byClient(0).join('a');
    await byClient(1).join(['a', 'b']);
    await byClient(2).join('b');
    return { ...setup, adapterApply: adapterApply! };
  }

  function deliveries(clients: ClientSocket[], send: () => void) {
    const got = clients.map(() => 0);
    clients.forEach((client, i) => client.on('x', () => got[i]++));
    const end = clients.map((client) => collect(client, 'end', 1));
    send();
    return { got, end };
  }

  it('delivers a one-room broadcast to its members only, without the adapter’s apply', async () => {
    const { io, clients, adapterApply } = await rooms();
    const { got, end } = deliveries(clients, () => {
      io.to('a').emit('x');
      io.to('a').emit('x');
    });
    io.to('r').emit('end');
    await Promise.all(end);
    expect(got).toEqual([2, 2, 0, 0]);
    // None of these one-room broadcasts (two to "a", the last to "r") went through the adapter's own apply.
    expect(adapterApply).not.toHaveBeenCalled();
  });

  it('leaves several rooms, exceptions and everyone to the adapter, which sends a socket one copy', async () => {
    const { io, clients, adapterApply } = await rooms();
    const { got, end } = deliveries(clients, () => {
      io.to(['a', 'b']).emit('x'); // client 1 is in both: one copy
      io.to('a').except('b').emit('x'); // client 1 excepted
      io.emit('x'); // everyone
    });
    io.to('r').emit('end');
    await Promise.all(end);
    expect(got).toEqual([3, 2, 2, 1]);
    expect(adapterApply).toHaveBeenCalledTimes(3);
  });

  it('does nothing for a room nobody is in', async () => {
    const { io, clients } = await rooms();
    const { got, end } = deliveries(clients, () => io.to('nobody').emit('x'));
    io.to('r').emit('end');
    await Promise.all(end);
    expect(got).toEqual([0, 0, 0, 0]);
  });
});
