import { ref } from 'vue';
import { rawFetch } from '../api/client';
import { showError } from './notify';

/** Downloads a protected file with the session's token and hands it to the browser. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await rawFetch(path);
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2] ?? fallbackName) : fallbackName;
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
