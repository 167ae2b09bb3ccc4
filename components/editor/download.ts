/**
 * A file name from an architecture's name: letters (any script), digits, `_`
 * and `-` kept, every other run replaced by `separator`.
 */
export function fileNameFrom(name: string, extension: string, fallback: string, separator: '-' | '_'): string {
  const base = name.replace(/[^\p{L}\p{N}_-]+/gu, separator);
  const trimmed = separator === '_' ? base.replace(/^_+|_+$/g, '') : base;
  return `${trimmed || fallback}.${extension}`;
}

/** Saves text as a file through the browser's download. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Revoked a moment later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
