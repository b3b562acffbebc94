import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filenameOf, useDownload } from './download';

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

  it('names the file from filename* (UTF-8) even when the ASCII fallback comes first', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response('pdf', {
        status: 200,
        headers: {
          // what the API's content-disposition library sends for 申报书-城市内涝.pdf
          'Content-Disposition':
            'attachment; filename="___-____.pdf"; filename*=UTF-8\'\'%E7%94%B3%E6%8A%A5%E4%B9%A6-%E5%9F%8E%E5%B8%82%E5%86%85%E6%B6%9D.pdf',
        },
      }),
    );
    const { download } = useDownload();
    await download('/api/v1/projects/p1/files/f1/content', 'proposal.pdf', 'f1');
    expect(clicked.map((link) => link.download)).toEqual(['申报书-城市内涝.pdf']);
  });

  it('reads plain and quoted names, and falls back when there is none', () => {
    expect(filenameOf('attachment; filename="results-2024.xlsx"', 'x')).toBe('results-2024.xlsx');
    expect(filenameOf('attachment; filename=results.pdf', 'x')).toBe('results.pdf');
    expect(filenameOf('attachment; filename="a \\"b\\".pdf"', 'x')).toBe('a "b".pdf');
    expect(filenameOf('attachment; filename*=UTF-8\'\'%E4%BD%9C%E5%93%81.csv; filename="__.csv"', 'x')).toBe(
      '作品.csv',
    );
    expect(filenameOf('attachment; filename*=UTF-8\'\'%E4%BD%9C%ZZ.csv; filename="zz.csv"', 'x')).toBe('zz.csv');
    expect(filenameOf('attachment', 'fallback.pdf')).toBe('fallback.pdf');
    expect(filenameOf(null, 'fallback.pdf')).toBe('fallback.pdf');
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
