/**
 * `request.formData()` for every action: a body that is not a readable form (a truncated multipart body, a
 * malformed part) makes it throw a TypeError, which Remix would answer with 500. It is the sender's fault, so it
 * is answered 400 with what to do. (Bodies of other types are refused earlier, with 415, by server/form-body.ts.)
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response('The form could not be read. Reload the page and send it again.', { status: 400 });
  }
}
