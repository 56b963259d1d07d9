/** RFC 5987 / 6266 `filename*`: percent-encode everything but the attribute characters. */
export function encodeRFC5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
