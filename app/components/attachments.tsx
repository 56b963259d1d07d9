/** Sizes in the units people know; the numbers are not words, so they need no translation. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'text/csv': 'CSV',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};
export const typeLabel = (mediaType: string) => TYPE_LABELS[mediaType] ?? mediaType;

/** A published or attached document, as listed beside an answer. */
export function DocumentLink({
  file,
  label,
}: {
  file: { id: string; fileName: string; mediaType: string; sizeBytes: number };
  label: string;
}) {
  return (
    <>
      <a href={`/attachments/${file.id}`} download aria-label={label}>
        {file.fileName}
      </a>{' '}
      <span className="muted">
        ({typeLabel(file.mediaType)}, {formatSize(file.sizeBytes)})
      </span>
    </>
  );
}
