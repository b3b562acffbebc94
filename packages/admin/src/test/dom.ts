import { flushPromises } from '@vue/test-utils';
import { vi } from 'vitest';

/**
 * Helpers for component tests that act as a person does: find what is on the page by its text
 * or its data-test name, type, click, and read what the page says. Element Plus renders dialogs,
 * message boxes and toasts into document.body, so everything is looked up there.
 */

export const json = (body: unknown, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** A fetch stub answering each request with `answer` (or the queued answers first). */
export function stubFetch(answer: (request: Request) => Response | Promise<Response> = () => json({}, 404)) {
  const fetchMock = vi.fn<(request: Request) => Promise<Response>>(async (request) => answer(request));
  vi.stubGlobal('fetch', fetchMock);
  const requests = () => fetchMock.mock.calls.map(([request]) => request);
  return { fetchMock, requests };
}

export function byTest<E extends Element = HTMLElement>(name: string, root: ParentNode = document.body): E {
  const found = root.querySelector<E>(`[data-test="${name}"]`);
  if (!found) throw new Error(`nothing with data-test="${name}" on the page`);
  return found;
}

export const queryTest = (name: string, root: ParentNode = document.body) =>
  root.querySelector<HTMLElement>(`[data-test="${name}"]`);

/** The input inside an Element Plus field named by data-test (or the element itself when it is one). */
export function inputOf(name: string, root: ParentNode = document.body): HTMLInputElement | HTMLTextAreaElement {
  const element = byTest(name, root);
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element;
  const input = element.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
  if (!input) throw new Error(`no input in data-test="${name}"`);
  return input;
}

/** The input of the form item labelled `label` (how a person finds a field). */
export function inputByLabel(label: string, root: ParentNode = document.body): HTMLInputElement | HTMLTextAreaElement {
  const item = [...root.querySelectorAll<HTMLElement>('.el-form-item')].find(
    (candidate) => candidate.querySelector('.el-form-item__label')?.textContent?.trim() === label,
  );
  const input = item?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
  if (!input) throw new Error(`no field labelled "${label}"`);
  return input;
}

/** A visible button by its words. */
export function button(text: string | RegExp, root: ParentNode = document.body): HTMLButtonElement {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((candidate) => {
    const words = candidate.textContent?.trim() ?? '';
    return typeof text === 'string' ? words === text : text.test(words);
  });
  if (!found)
    throw new Error(`no button "${String(text)}" among: ${buttons.map((b) => b.textContent?.trim()).join(' | ')}`);
  return found;
}

export async function click(element: Element): Promise<void> {
  (element as HTMLElement).click();
  await flushPromises();
}

/** Types into an input as a person does: the new text, then leaving the field (change). */
export async function type(input: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await flushPromises();
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await flushPromises();
}

/** Chooses a radio (or checkbox) by its label's words. */
export async function choose(text: string, root: ParentNode = document.body): Promise<void> {
  const label = [...root.querySelectorAll<HTMLElement>('label')].find((item) => item.textContent?.trim() === text);
  if (!label) throw new Error(`no choice "${text}"`);
  await click(label.querySelector('input') ?? label);
}

/** The confirmation box on screen (Element Plus message box), if any. */
export function messageBox(): HTMLElement | null {
  const boxes = [...document.body.querySelectorAll<HTMLElement>('.el-message-box')].filter(
    (box) => box.closest<HTMLElement>('.el-overlay')?.style.display !== 'none',
  );
  return boxes.at(-1) ?? null;
}

/** Waits for the confirmation box, answers it (confirm or cancel) and returns what it said. */
export async function answerBox(accept: boolean): Promise<string> {
  const box = await vi.waitFor(() => {
    const shown = messageBox();
    if (!shown) throw new Error('no confirmation box on the page');
    return shown;
  });
  const text = box.textContent ?? '';
  const buttons = [...box.querySelectorAll<HTMLButtonElement>('.el-message-box__btns button')]; // cancel, confirm
  await click(accept ? buttons.at(-1)! : buttons[0]!);
  await vi.waitFor(() => {
    if (messageBox() === box) throw new Error('the confirmation box is still open');
  });
  return text;
}

/** The words of the whole page (dialogs and toasts included). */
export const pageText = () => document.body.textContent ?? '';
