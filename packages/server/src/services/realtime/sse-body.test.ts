import { describe, expect, it } from 'vitest';
import { createSseBody } from './sse-body.js';

describe('createSseBody', () => {
  it('queues writes without waiting while the client reads, and waits once it stops', async () => {
    const { body, sink } = createSseBody(() => {});
    const reader = body.getReader();
    // Nobody reads yet: the first chunks only queue, then a write waits for room.
    const waits = Array.from({ length: 6 }, (_, i) => sink.write(`chunk ${i}\n`));
    expect(waits.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    const blocked = waits.find((wait) => wait !== undefined);
    expect(blocked).toBeInstanceOf(Promise);
    let freed = false;
    void blocked!.then(() => {
      freed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(freed).toBe(false);
    const decoder = new TextDecoder();
    let text = '';
    for (let i = 0; i < 6; i++) text += decoder.decode((await reader.read()).value);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(freed).toBe(true);
    expect(text).toBe([0, 1, 2, 3, 4, 5].map((i) => `chunk ${i}\n`).join(''));
    sink.close();
    expect((await reader.read()).done).toBe(true);
  });

  it('tells the stream when the client goes away, and frees a waiting write', async () => {
    let told = 0;
    const { body, sink } = createSseBody(() => told++);
    let wait: Promise<unknown> | undefined;
    for (let i = 0; i < 10 && !wait; i++) wait = sink.write('x');
    await body.cancel();
    await wait;
    expect(told).toBe(1);
    expect(sink.aborted).toBe(true);
    expect(sink.write('after')).toBeUndefined();
  });
});
