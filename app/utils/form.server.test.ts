import { describe, expect, it } from 'vitest';
import { readForm } from './form.server';

describe('readForm', () => {
  it('reads an urlencoded and a multipart form', async () => {
    const urlencoded = new Request('http://localhost/x', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'intent=save&title=a',
    });
    expect((await readForm(urlencoded)).get('title')).toBe('a');
    const form = new FormData();
    form.append('intent', 'send');
    expect((await readForm(new Request('http://localhost/x', { method: 'POST', body: form }))).get('intent')).toBe(
      'send',
    );
  });

  it('answers 400, not a 500, for a multipart body that cannot be parsed', async () => {
    const truncated = new Request('http://localhost/x', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    });
    const failure = await readForm(truncated).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Response);
    expect((failure as Response).status).toBe(400);
  });
});
