import { describe, expect, it } from 'vitest';
import { NotFoundError, RequestValidationError } from '../../../src/client/index.js';
import { type Transport, useRealServer } from '../support/real-server.js';

describe.each<Transport>(['in-process', 'socket'])('investors against the real app (%s)', (transport) => {
  const server = useRealServer(transport);

  it('adds, updates, filters and deletes buyers', async () => {
    const hk = server.client((await server.newOrg()).secretKey);
    const investor = await hk.investors.create({
      name: 'Acme Capital',
      contact: { email: 'Buyers@Acme.example' },
      buy_box: { markets: ['Austin'], deal_types: ['brrrr'], min_price: 100_000, max_price: 300_000 },
      tags: ['cash'],
    });
    expect(investor).toMatchObject({
      contact: { email: 'buyers@acme.example' },
      buy_box: { markets: ['Austin'], deal_types: ['brrrr'], max_price: 300_000 },
    });
    await hk.investors.create({
      name: 'Flip Kings',
      buy_box: { deal_types: ['fix_and_flip'], markets: ['Dallas'] },
    });

    const updated = await hk.investors.update(investor.id, {
      buy_box: { max_price: 350_000 },
      notes: 'Closes fast',
    });
    expect(updated.buy_box).toMatchObject({ markets: ['Austin'], max_price: 350_000 });
    expect(await hk.investors.retrieve(investor.id)).toMatchObject({ notes: 'Closes fast' });

    expect((await hk.investors.list({ deal_type: 'brrrr' }).toArray()).map((item) => item.name)).toEqual([
      'Acme Capital',
    ]);
    expect((await hk.investors.list({ market: 'Dallas' }).toArray()).map((item) => item.name)).toEqual([
      'Flip Kings',
    ]);

    await expect(
      hk.investors.create({ name: 'Backwards', buy_box: { min_price: 5, max_price: 1 } }),
    ).rejects.toBeInstanceOf(RequestValidationError);

    expect(await hk.investors.delete(investor.id)).toEqual({ id: investor.id, deleted: true });
    await expect(hk.investors.retrieve(investor.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
