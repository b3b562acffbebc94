import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDownload } from './download';

const notify = vi.hoisted(() => ({ showError: vi.fn() }));
vi.mock('./notify', () => notify);

/** Resolves the fetch only when the test says so, to look at the spinner in between. */
function deferred() {
  let resolve!: (response: Response) => void;
  const promise = new Promise<Response>((done) => (resolve = done));
  return { promise, resolve };
}

describe('useDownload', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
  let clicked: { href: string; download: string }[];
  beforeEach(() => {
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
    clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    URL.createObjectURL = vi.fn(() => 'blob:saishi/1');
    URL.revokeObjectURL = vi.fn();
    notify.showError.mockClear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('shows the key while the file downloads, names it from Content-Disposition, then clears the key', async () => {
    const answer = deferred();
    fetchMock.mockReturnValueOnce(answer.promise);
    const { downloading, download } = useDownload();
    const done = download('/api/v1/projects/export?format=csv', 'projects.csv', 'csv');
    expect(downloading.value).toBe('csv');
    answer.resolve(
      new Response('a,b\n', {
        status: 200,
        headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E4%BD%9C%E5%93%81.csv" },
      }),
    );
    await done;
    expect(downloading.value).toBeNull();
    expect(new URL(fetchMock.mock.calls[0]![0].url).pathname).toBe('/api/v1/projects/export');
    expect(clicked).toEqual([{ href: 'blob:saishi/1', download: '作品.csv' }]);
    expect(notify.showError).not.toHaveBeenCalled();
  });

  it('uses the file name as the key and as the name when the answer gives none', async () => {
    fetchMock.mockResolvedValueOnce(new Response('pdf', { status: 200 }));
    const { downloading, download } = useDownload();
    const done = download('/api/v1/results/export.pdf', 'results.pdf');
    expect(downloading.value).toBe('results.pdf');
    await done;
    expect(clicked.map((link) => link.download)).toEqual(['results.pdf']);
  });

  it('shows the API message of a failed download and clears the spinner', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ status: 404, code: 'NOT_FOUND', detail: '文件不存在' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    const { downloading, download } = useDownload();
    await download('/api/v1/projects/p1/files/f1/content', 'proposal.pdf', 'f1');
    expect(downloading.value).toBeNull();
    expect(clicked).toEqual([]);
    expect(notify.showError).toHaveBeenCalledTimes(1);
    expect((notify.showError.mock.calls[0]![0] as Error).message).toBe('文件不存在');
  });
});
