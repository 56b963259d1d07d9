import { createHmac, createSecretKey } from 'node:crypto';
import { claimsToJwtPayload, RoomServiceClient, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';

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
/** base64url of {"alg":"HS256"}, the protected header AccessToken writes. */
const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

export function createLiveKit(config: LiveKitConfig) {
  // failover off: it would look for LiveKit Cloud regions on a 5xx, which a self-hosted server does not have.
  const rooms = new RoomServiceClient(config.url, config.apiKey, config.apiSecret, {
    failover: false,
    requestTimeout: 10,
  });
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
  if (!config.apiKey || !config.apiSecret) throw new Error('LiveKit needs an API key and secret.');
  const signingKey = createSecretKey(Buffer.from(config.apiSecret, 'utf8'));
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
    /**
     * A token for one room only; the room name comes from the meeting row, never from a request. The same JWT the
     * SDK's AccessToken makes (HS256; the grant through the SDK's own claimsToJwtPayload; iss = API key, sub =
     * identity, nbf = now, exp = now + ttl on the real clock, as LiveKit checks it), signed with the secret prepared
     * once as a KeyObject: AccessToken re-encodes the secret and builds the token through jose on every call, which
     * cost most of a join (decision 028; a test checks the SDK's TokenVerifier accepts it with the same claims).
     */
    joinToken(grant: JoinGrant): string {
      const issuedAt = Math.floor(Date.now() / 1000);
      const payload = {
        ...claimsToJwtPayload({
          video: {
            roomJoin: true,
            room: grant.room,
            canPublish: true,
            canSubscribe: true,
            canPublishData: true,
            roomAdmin: grant.moderator,
          },
          name: grant.name,
        }),
        iss: config.apiKey,
        exp: issuedAt + grant.ttlSeconds,
        nbf: issuedAt,
        sub: grant.identity,
      };
      const input = `${JWT_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      return `${input}.${createHmac('sha256', signingKey).update(input).digest('base64url')}`;
    },
    /** Throws when the signature, its lifetime or the body's SHA-256 does not hold. */
    async receive(rawBody: string, authorization: string | undefined): Promise<WebhookEvent> {
      return receiver.receive(rawBody, authorization);
    },
  };
}
export type LiveKit = ReturnType<typeof createLiveKit>;
