import { ref } from 'vue';
import { rawFetch } from '../api/client';
import { showError } from './notify';

/**
 * The file name of a Content-Disposition header: the UTF-8 `filename*` (RFC 6266/8187) wherever it
 * stands, else the plain `filename` (an ASCII fallback that servers fill with `_` for Chinese), else
 * the fallback.
 */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      // a malformed escape: use the plain name
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
  const name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]) : undefined;
  return name?.trim() ? name : fallback;
}

/** Downloads a protected file with the session's token and hands it to the browser. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await rawFetch(path);
  const blob = await response.blob();
  const name = filenameOf(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A download behind a button: `downloading` holds the key of the download under way (for the
 * button's spinner), a failure is shown with the API message, and the key is cleared afterwards.
 */
export function useDownload() {
  const downloading = ref<string | null>(null);

  async function download(path: string, filename: string, key: string = filename): Promise<void> {
    downloading.value = key;
    try {
      await downloadFile(path, filename);
    } catch (error) {
      showError(error);
    } finally {
      downloading.value = null;
    }
  }

  return { downloading, download };
}
