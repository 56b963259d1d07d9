import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocalParticipant, Participant, RemoteParticipant, Room, Track, TrackPublication } from 'livekit-client';
import { useT } from '../utils/i18n';

/** What the call page's action answers to a join (the token is minted on the server after its own checks). */
export type JoinAnswer =
  { ok: true; url: string; token: string; expiresAt: string; moderator: boolean } | { ok: false; message: string };

interface Props {
  /** The call can be joined now (video configured, around the meeting's time, not cancelled or ended). */
  canJoin: boolean;
  /** Asks the server for a token (POST to the call page's action). */
  requestJoin(): Promise<JoinAnswer>;
}

type Devices = { camera: MediaDeviceInfo[]; microphone: MediaDeviceInfo[] };
type Phase =
  | { name: 'prejoin' }
  | { name: 'asking' }
  | { name: 'connecting' }
  | { name: 'in-call' }
  | { name: 'failed'; message: string; detail: string | null };

/** How long the browser may take to reach the video server before the page says it cannot. */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * The call in the page (issue 18): a pre-join check of camera and microphone, then the LiveKit room with its video
 * grid and controls. `livekit-client` is loaded only when the person presses Join (a dynamic import, so no other page
 * and not even the pre-join pays for it). Every control is a native button with its state in `aria-pressed`, and
 * what changes (someone joins or leaves, the microphone goes off, the connection fails) is said in a live region.
 */
export function VideoCall({ canJoin, requestJoin }: Props) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ name: 'prejoin' });
  const [checking, setChecking] = useState(false);
  const [devices, setDevices] = useState<Devices | null>(null);
  const [deviceProblem, setDeviceProblem] = useState<string | null>(null);
  const [cameraId, setCameraId] = useState('');
  const [microphoneId, setMicrophoneId] = useState('');
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const preview = useRef<HTMLVideoElement>(null);
  const previewStream = useRef<MediaStream | null>(null);
  const room = useRef<Room | null>(null);
  const [, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const stopPreview = () => {
    previewStream.current?.getTracks().forEach((track) => track.stop());
    previewStream.current = null;
    if (preview.current) preview.current.srcObject = null;
  };

  useEffect(
    () => () => {
      stopPreview();
      void room.current?.disconnect();
    },
    [],
  );

  async function check() {
    setChecking(true);
    setDeviceProblem(null);
    stopPreview();
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: cameraId ? { deviceId: { exact: cameraId } } : true,
        audio: microphoneId ? { deviceId: { exact: microphoneId } } : true,
      });
      previewStream.current = stream;
      if (preview.current) preview.current.srcObject = stream;
      const all = await navigator.mediaDevices.enumerateDevices();
      const found = {
        camera: all.filter((d) => d.kind === 'videoinput'),
        microphone: all.filter((d) => d.kind === 'audioinput'),
      };
      setDevices(found);
      setCameraId((id) => id || (stream.getVideoTracks()[0]?.getSettings().deviceId ?? ''));
      setMicrophoneId((id) => id || (stream.getAudioTracks()[0]?.getSettings().deviceId ?? ''));
    } catch (error) {
      const name = (error as DOMException)?.name;
      setDevices(null);
      setDeviceProblem(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? t('vc.call.denied')
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? t('vc.call.noDevices')
            : t('vc.call.deviceError', { error: (error as Error)?.message ?? String(error) }),
      );
    } finally {
      setChecking(false);
    }
  }

  const labelOf = (list: MediaDeviceInfo[] | undefined, id: string) => {
    if (!list?.length) return t('vc.call.none');
    const chosen = list.find((d) => d.deviceId === id) ?? list[0];
    return chosen.label || t('vc.call.unnamed');
  };

  async function join() {
    setPhase({ name: 'asking' });
    let answer: JoinAnswer;
    try {
      answer = await requestJoin();
    } catch (error) {
      answer = { ok: false, message: (error as Error).message };
    }
    if (!answer.ok) {
      setPhase({ name: 'failed', message: answer.message, detail: null });
      return;
    }
    setPhase({ name: 'connecting' });
    stopPreview();
    try {
      const lk = await import('livekit-client');
      const next = new lk.Room({
        adaptiveStream: true,
        dynacast: true,
        videoCaptureDefaults: cameraId ? { deviceId: cameraId } : undefined,
        audioCaptureDefaults: microphoneId ? { deviceId: microphoneId } : undefined,
      });
      const nameOf = (p: Participant) => p.name || p.identity;
      next
        .on(lk.RoomEvent.ParticipantConnected, (p: RemoteParticipant) => {
          setAnnouncement(t('vc.call.joined', { name: nameOf(p) }));
          refresh();
        })
        .on(lk.RoomEvent.ParticipantDisconnected, (p: RemoteParticipant) => {
          setAnnouncement(t('vc.call.leftCall', { name: nameOf(p) }));
          refresh();
        })
        .on(lk.RoomEvent.TrackSubscribed, refresh)
        .on(lk.RoomEvent.TrackUnsubscribed, refresh)
        .on(lk.RoomEvent.TrackMuted, refresh)
        .on(lk.RoomEvent.TrackUnmuted, refresh)
        .on(lk.RoomEvent.LocalTrackPublished, refresh)
        .on(lk.RoomEvent.LocalTrackUnpublished, refresh)
        .on(lk.RoomEvent.ActiveSpeakersChanged, refresh)
        .on(lk.RoomEvent.Disconnected, () => {
          if (room.current === next) {
            room.current = null;
            setPhase({ name: 'failed', message: t('vc.call.disconnected'), detail: null });
          }
        });
      room.current = next;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), CONNECT_TIMEOUT_MS);
      });
      try {
        await Promise.race([next.connect(answer.url, answer.token), timeout]);
      } finally {
        clearTimeout(timer);
      }
      await next.localParticipant.setMicrophoneEnabled(micOn).catch(() => undefined);
      await next.localParticipant.setCameraEnabled(camOn).catch(() => undefined);
      setPhase({ name: 'in-call' });
      refresh();
    } catch (error) {
      const failed = room.current;
      room.current = null;
      void failed?.disconnect();
      setPhase({
        name: 'failed',
        message: t('vc.call.cannotConnect', { url: answer.url }),
        detail: (error as Error)?.message ?? String(error),
      });
    }
  }

  async function leave() {
    const current = room.current;
    room.current = null;
    await current?.disconnect();
    setPhase({ name: 'prejoin' });
    setAnnouncement(t('vc.call.left'));
  }

  const current = room.current;
  const local = current?.localParticipant;
  const participants: Participant[] = current ? [current.localParticipant, ...current.remoteParticipants.values()] : [];

  return (
    <div className="video-call">
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="call-announcement">
        {announcement}
      </p>
      {phase.name === 'in-call' && current && local ? (
        <section aria-labelledby="in-call-heading">
          <h2 id="in-call-heading">
            {t('vc.call.inCall')} <span className="muted">· {t('vc.call.people', { n: participants.length })}</span>
          </h2>
          <ul className="call-grid" aria-label={t('vc.call.inCall')}>
            {participants.map((p) => (
              <ParticipantTile key={p.identity} participant={p} isLocal={p === local} />
            ))}
          </ul>
          <CallControls
            local={local}
            onLeave={leave}
            onChange={(message) => {
              if (message) setAnnouncement(message);
              refresh();
            }}
          />
        </section>
      ) : (
        <section aria-labelledby="prejoin-heading">
          <h2 id="prejoin-heading">{t('vc.call.prejoin')}</h2>
          <p>{t('vc.call.prejoinIntro')}</p>
          <p>
            <button type="button" onClick={check} disabled={checking}>
              {t('vc.call.check')}
            </button>
          </p>
          <div role="status" aria-live="polite" data-testid="device-status">
            {checking
              ? t('vc.call.checking')
              : deviceProblem
                ? deviceProblem
                : devices
                  ? t('vc.call.found', {
                      camera: labelOf(devices.camera, cameraId),
                      microphone: labelOf(devices.microphone, microphoneId),
                    })
                  : ''}
          </div>
          <video
            ref={preview}
            className="call-preview"
            autoPlay
            muted
            playsInline
            aria-label={t('vc.call.preview')}
            hidden={!devices}
          />
          {devices ? (
            <div className="call-devices">
              {devices.camera.length > 1 ? (
                <p>
                  <label htmlFor="call-camera">{t('vc.call.camera')}</label>{' '}
                  <select id="call-camera" value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
                    {devices.camera.map((d, i) => (
                      <option key={d.deviceId || i} value={d.deviceId}>
                        {d.label || `${t('vc.call.camera')} ${i + 1}`}
                      </option>
                    ))}
                  </select>
                </p>
              ) : null}
              {devices.microphone.length > 1 ? (
                <p>
                  <label htmlFor="call-microphone">{t('vc.call.microphone')}</label>{' '}
                  <select id="call-microphone" value={microphoneId} onChange={(e) => setMicrophoneId(e.target.value)}>
                    {devices.microphone.map((d, i) => (
                      <option key={d.deviceId || i} value={d.deviceId}>
                        {d.label || `${t('vc.call.microphone')} ${i + 1}`}
                      </option>
                    ))}
                  </select>
                </p>
              ) : null}
            </div>
          ) : null}
          <p>
            <label>
              <input type="checkbox" checked={micOn} onChange={(e) => setMicOn(e.target.checked)} />{' '}
              {t('vc.call.micOn')}
            </label>
            <br />
            <label>
              <input type="checkbox" checked={camOn} onChange={(e) => setCamOn(e.target.checked)} />{' '}
              {t('vc.call.camOn')}
            </label>
          </p>
          {phase.name === 'failed' ? (
            <div className="form-message error" role="alert" data-testid="call-error">
              <p>{phase.message}</p>
              {phase.detail ? <p className="muted">{t('vc.call.detail', { error: phase.detail })}</p> : null}
            </div>
          ) : null}
          {phase.name === 'asking' || phase.name === 'connecting' ? (
            <p role="status">{phase.name === 'asking' ? t('vc.call.asking') : t('vc.call.connecting')}</p>
          ) : null}
          {canJoin ? (
            <p>
              <button type="button" onClick={join} disabled={phase.name === 'asking' || phase.name === 'connecting'}>
                {phase.name === 'failed' ? t('vc.call.retry') : t('vc.call.joinNow')}
              </button>
            </p>
          ) : (
            <p className="muted">{t('vc.call.closed')}</p>
          )}
        </section>
      )}
    </div>
  );
}

function CallControls({
  local,
  onLeave,
  onChange,
}: {
  local: LocalParticipant;
  onLeave(): void;
  onChange(message: string | null): void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const micOn = local.isMicrophoneEnabled;
  const camOn = local.isCameraEnabled;
  const sharing = local.isScreenShareEnabled;
  const run = async (fn: () => Promise<unknown>, message: string | null) => {
    setBusy(true);
    try {
      await fn();
      onChange(message);
    } catch (error) {
      onChange((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="group" aria-label={t('vc.call.controls')} className="call-controls">
      <button
        type="button"
        aria-pressed={!micOn}
        disabled={busy}
        onClick={() =>
          run(() => local.setMicrophoneEnabled(!micOn), micOn ? t('vc.call.nowMuted') : t('vc.call.nowUnmuted'))
        }
      >
        {micOn ? t('vc.call.mute') : t('vc.call.unmute')}
      </button>
      <button
        type="button"
        aria-pressed={!camOn}
        disabled={busy}
        onClick={() => run(() => local.setCameraEnabled(!camOn), null)}
      >
        {camOn ? t('vc.call.cameraOff') : t('vc.call.cameraOn')}
      </button>
      <button
        type="button"
        aria-pressed={sharing}
        disabled={busy}
        onClick={() => run(() => local.setScreenShareEnabled(!sharing), null)}
      >
        {sharing ? t('vc.call.stopShare') : t('vc.call.share')}
      </button>
      <button type="button" className="danger" onClick={onLeave}>
        {t('vc.call.leave')}
      </button>
    </div>
  );
}

/** livekit-client's Track.Source values ('camera', 'microphone', 'screen_share'), read without loading the library. */
const sourceOf = (publication: TrackPublication): string => String(publication.source);

/** One person: their camera (or a placeholder), their shared screen if any, their name and microphone state. */
function ParticipantTile({ participant, isLocal }: { participant: Participant; isLocal: boolean }) {
  const t = useT();
  const name = participant.name || participant.identity;
  const publications = [...participant.trackPublications.values()];
  const camera = publications.find((p) => sourceOf(p) === 'camera' && p.track && !p.isMuted);
  const screen = publications.find((p) => sourceOf(p) === 'screen_share' && p.track);
  const audio = publications.find((p) => sourceOf(p) === 'microphone' && p.track);
  const micOn = !!audio && !audio.isMuted;
  const state = [micOn ? null : t('vc.call.muted'), camera ? null : t('vc.call.noVideo')].filter(Boolean);
  return (
    <li className={`call-tile${participant.isSpeaking ? ' speaking' : ''}`}>
      <figure>
        {camera ? (
          <TrackView publication={camera} label={name} />
        ) : (
          <div className="call-placeholder" aria-hidden="true">
            {name.slice(0, 1).toUpperCase()}
          </div>
        )}
        <figcaption>
          {isLocal ? t('vc.call.you', { name }) : name}
          {state.length ? <span className="muted"> · {state.join(', ')}</span> : null}
        </figcaption>
      </figure>
      {screen ? (
        <figure>
          <TrackView publication={screen} label={t('vc.call.screenOf', { name })} />
          <figcaption>{t('vc.call.screenOf', { name })}</figcaption>
        </figure>
      ) : null}
      {audio && !isLocal ? <TrackView publication={audio} label={name} /> : null}
    </li>
  );
}

/** Attaches a LiveKit track to its element while shown (livekit-client's attach/detach). */
function TrackView({ publication, label }: { publication: TrackPublication; label: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const track = publication.track as Track | undefined;
  useEffect(() => {
    const element = video.current ?? audio.current;
    if (!track || !element) return;
    track.attach(element);
    return () => {
      track.detach(element);
    };
  }, [track]);
  if (String(publication.kind) === 'audio') return <audio ref={audio} autoPlay />;
  return <video ref={video} autoPlay playsInline muted aria-label={label} />;
}
