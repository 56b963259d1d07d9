import type { LoaderFunctionArgs } from '@remix-run/node';

/**
 * A person's private calendar feed (`/calendar/<secret>.ics`): calendar applications fetch it without a session, so
 * the secret in the address is the only key; it is revocable from "My meetings", and only its hash is stored.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = (params.token ?? '').replace(/\.ics$/, '');
  const result = await context.services.videoconferences.feed(token);
  if (!result.ok)
    return new Response(result.message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(result.value, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
