/** Spreadsheets read a CSV as UTF-8 only when it starts with a byte-order mark ("Perú", not "PerÃº"). */
export const BYTE_ORDER_MARK = '\uFEFF';

/** `?headers=machine`: the stable header row and no mark, for scripts and open-data portals (issue 15, item 5). */
export const wantsMachineCsv = (request: Request) => new URL(request.url).searchParams.get('headers') === 'machine';

/**
 * Every CSV download answers the same way: for people, a UTF-8 byte-order mark so Excel shows accents; for machines
 * (`?headers=machine`), the bytes exactly as the service wrote them.
 */
export function csvResponse(
  request: Request,
  body: string,
  fileName: string,
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(wantsMachineCsv(request) ? body : BYTE_ORDER_MARK + body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      ...extraHeaders,
    },
  });
}
