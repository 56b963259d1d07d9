import { TokenVerifier } from 'livekit-server-sdk';
import { http, HttpResponse } from 'msw';

/**
 * A LiveKit server at the edge, as its Twirp API answers (TECH_NOTES.md, "LiveKit"): `POST /twirp/livekit.RoomService/
 * {Method}`, camelCase JSON requests, snake_case responses with 64-bit integers as strings, 401 for a token that
 * does not verify or lacks the call's grant, and `{"code":"not_found","msg":…}` for a missing room. Every request
 * is recorded with the grants it carried, so tests can assert what was asked and with which rights.
 */
export function liveKitHandlers(host: string, apiKey: string, apiSecret: string) {
  const verifier = new TokenVerifier(apiKey, apiSecret);
  const rooms = new Map<
    string,
    {
      sid: string;
      name: string;
      emptyTimeout: number;
      maxParticipants: number;
      metadata: string;
      participants: Array<{ identity: string; name: string }>;
    }
  >();
  const calls: Array<{ method: string; body: Record<string, unknown>; grants: Record<string, unknown> }> = [];
  const twirpError = (status: number, code: string, msg: string) =>
    HttpResponse.json({ code, msg }, { status, headers: { 'Content-Type': 'application/json' } });

  const handler = (
    method: string,
    need: (video: Record<string, unknown>, body: Record<string, unknown>) => boolean,
    answer: (body: Record<string, unknown>) => Response,
  ) =>
    http.post(`${host.replace(/\/+$/, '')}/twirp/livekit.RoomService/${method}`, async ({ request }) => {
      const auth = request.headers.get('authorization') ?? '';
      if (!auth.startsWith('Bearer ')) return twirpError(401, 'unauthenticated', 'permissions denied');
      let grants: Record<string, unknown>;
      try {
        grants = (await verifier.verify(auth.slice(7))) as Record<string, unknown>;
      } catch {
        return twirpError(401, 'unauthenticated', 'invalid token');
      }
      const body = (await request.json()) as Record<string, unknown>;
      calls.push({ method, body, grants });
      const video = (grants.video ?? {}) as Record<string, unknown>;
      if (!need(video, body)) return twirpError(401, 'unauthenticated', 'permissions denied');
      return answer(body);
    });

  const roomJson = (r: {
    sid: string;
    name: string;
    emptyTimeout: number;
    maxParticipants: number;
    metadata: string;
    participants: unknown[];
  }) => ({
    sid: r.sid,
    name: r.name,
    empty_timeout: r.emptyTimeout,
    departure_timeout: 20,
    max_participants: r.maxParticipants,
    creation_time: String(Math.floor(Date.now() / 1000)),
    creation_time_ms: String(Date.now()),
    turn_password: '',
    enabled_codecs: [],
    metadata: r.metadata,
    num_participants: r.participants.length,
    num_publishers: 0,
    active_recording: false,
  });

  const handlers = [
    handler(
      'CreateRoom',
      (v) => v.roomCreate === true,
      (body) => {
        const name = String(body.name);
        let room = rooms.get(name);
        if (!room) {
          room = {
            sid: `RM_${name.slice(-8)}`,
            name,
            emptyTimeout: Number(body.emptyTimeout ?? 300),
            maxParticipants: Number(body.maxParticipants ?? 0),
            metadata: String(body.metadata ?? ''),
            participants: [],
          };
          rooms.set(name, room);
        }
        return HttpResponse.json(roomJson(room));
      },
    ),
    handler(
      'DeleteRoom',
      (v) => v.roomCreate === true,
      (body) => {
        if (!rooms.delete(String(body.room))) return twirpError(404, 'not_found', 'requested room does not exist');
        return HttpResponse.json({});
      },
    ),
    handler(
      'ListParticipants',
      (v, body) => v.roomAdmin === true && v.room === body.room,
      (body) => {
        const room = rooms.get(String(body.room));
        if (!room) return twirpError(404, 'not_found', 'requested room does not exist');
        return HttpResponse.json({
          participants: room.participants.map((p) => ({
            sid: `PA_${p.identity.slice(0, 6)}`,
            identity: p.identity,
            name: p.name,
            state: 'ACTIVE',
            joined_at: String(Math.floor(Date.now() / 1000)),
            metadata: '',
            tracks: [],
            is_publisher: false,
          })),
        });
      },
    ),
    handler(
      'RemoveParticipant',
      (v, body) => v.roomAdmin === true && v.room === body.room,
      (body) => {
        const room = rooms.get(String(body.room));
        const index = room?.participants.findIndex((p) => p.identity === body.identity) ?? -1;
        if (!room || index < 0) return twirpError(404, 'not_found', 'participant does not exist');
        room.participants.splice(index, 1);
        return HttpResponse.json({});
      },
    ),
  ];
  return { handlers, rooms, calls };
}
