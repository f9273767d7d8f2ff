// Files the core hands over (PDF reports, error reports, exports) travel as base64; the renderer
// turns them into a Blob and saves them with the browser's download (the Electron shell turns that
// into its native save dialog).

export function base64ToBlob(base64: string, mimeType: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mimeType });
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; keep the URL a moment for slow shells.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function saveBase64(fileName: string, mimeType: string, base64: string): void {
  saveBlob(fileName, base64ToBlob(base64, mimeType));
}

/** The file contents as base64 (no data: prefix), for calls that take a file. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** "smms-students-2026-11-25.csv". */
export function datedFileName(stem: string, ext: string, now = new Date()): string {
  return `smms-${stem}-${now.toISOString().slice(0, 10)}.${ext}`;
}
