import { AccessToken, RoomServiceClient, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';

/** LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET; null when video is not configured. */
export interface LiveKitConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface JoinGrant {
  room: string;
  identity: string;
  name: string;
  moderator: boolean;
  ttlSeconds: number;
}

export interface ParticipantSummary {
  identity: string;
  name: string;
  joinedAt: string | null;
}

/**
 * The one module that speaks to LiveKit, through the official server SDK (livekit-server-sdk, the customer's
 * "@livekit/server-sdk"). Returns plain objects: the SDK's own hold bigints that JSON cannot carry.
 */
export function createLiveKit(config: LiveKitConfig) {
  // failover off: it would look for LiveKit Cloud regions on a 5xx, which a self-hosted server does not have.
  const rooms = new RoomServiceClient(config.url, config.apiKey, config.apiSecret, {
    failover: false,
    requestTimeout: 10,
  });
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
  return {
    url: config.url,
    /** CreateRoom is idempotent in LiveKit: asking again for an existing room returns it. */
    async createRoom(
      name: string,
      options: { emptyTimeoutSeconds: number; maxParticipants: number; metadata: Record<string, string> },
    ) {
      const room = await rooms.createRoom({
        name,
        emptyTimeout: options.emptyTimeoutSeconds,
        maxParticipants: options.maxParticipants,
        metadata: JSON.stringify(options.metadata),
      });
      return { name: room.name, sid: room.sid };
    },
    async deleteRoom(name: string) {
      await rooms.deleteRoom(name);
    },
    async listParticipants(name: string): Promise<ParticipantSummary[]> {
      const list = await rooms.listParticipants(name);
      return list.map((p) => ({
        identity: p.identity,
        name: p.name,
        joinedAt: p.joinedAt ? new Date(Number(p.joinedAt) * 1000).toISOString() : null,
      }));
    },
    async removeParticipant(name: string, identity: string) {
      await rooms.removeParticipant(name, identity);
    },
    /** A token for one room only; the room name comes from the meeting row, never from a request. */
    async joinToken(grant: JoinGrant): Promise<string> {
      const token = new AccessToken(config.apiKey, config.apiSecret, {
        identity: grant.identity,
        name: grant.name,
        ttl: grant.ttlSeconds,
      });
      token.addGrant({
        roomJoin: true,
        room: grant.room,
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
        roomAdmin: grant.moderator,
      });
      return token.toJwt();
    },
    /** Throws when the signature, its lifetime or the body's SHA-256 does not hold. */
    async receive(rawBody: string, authorization: string | undefined): Promise<WebhookEvent> {
      return receiver.receive(rawBody, authorization);
    },
  };
}
export type LiveKit = ReturnType<typeof createLiveKit>;
