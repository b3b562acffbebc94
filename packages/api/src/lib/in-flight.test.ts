import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.js';

describe('work in flight', () => {
  it('settles once what it tracks has ended, and what that started as it ended', async () => {
    const inFlight = new InFlight();
    const recorded: string[] = [];
    let finish!: () => void;
    const handler = inFlight.track(new Promise<void>((resolve) => (finish = resolve)));
    // As pg-boss does: once the handler returns, it records the end without awaiting it.
    void handler.then(() => {
      void inFlight.track(new Promise<void>((resolve) => setTimeout(resolve, 20))).then(() => recorded.push('end'));
    });
    const settled = inFlight.settled(5_000).then(() => recorded.push('settled'));
    setTimeout(finish, 10);
    await settled;
    expect(recorded).toEqual(['end', 'settled']);
    expect(inFlight.size).toBe(0);
  });

  it('stops waiting at its limit, and leaves a failure to whoever awaits the work', async () => {
    const inFlight = new InFlight();
    void inFlight.track(new Promise(() => {}));
    const failing = inFlight.track(Promise.reject(new Error('failed on purpose')));
    await expect(failing).rejects.toThrow('failed on purpose');
    await inFlight.settled(30);
    expect(inFlight.size).toBe(1);
  });
});
