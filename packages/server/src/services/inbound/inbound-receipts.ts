import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import { inboundReceipts } from '../../db/schema.js';

export interface ReceiptKey {
  /** `source:<id>`, `twilio` or `stripe`. */
  channel: string;
  /** The sender's id of the message: its retries carry the same one. */
  messageId: string;
}

/**
 * Claims a message for this transaction: null when it is new, else what handling it the first
 * time recorded. A concurrent retry waits on the key until the first commits, then sees its
 * result, so a message is handled once however often it arrives.
 */
export async function claimReceipt(
  tx: Transaction,
  key: ReceiptKey,
  organizationId: string | null,
): Promise<Record<string, unknown> | null> {
  const claimed = await tx
    .insert(inboundReceipts)
    .values({ ...key, organizationId })
    .onConflictDoNothing()
    .returning({ channel: inboundReceipts.channel });
  if (claimed.length > 0) return null;
  const [earlier] = await tx
    .select({ result: inboundReceipts.result })
    .from(inboundReceipts)
    .where(and(eq(inboundReceipts.channel, key.channel), eq(inboundReceipts.messageId, key.messageId)));
  return earlier?.result ?? {};
}

/** Records what handling a claimed message did (ids and outcomes only), for its retries. */
export async function recordReceipt(
  tx: Transaction,
  key: ReceiptKey,
  result: Record<string, unknown>,
): Promise<void> {
  await tx
    .update(inboundReceipts)
    .set({ result })
    .where(and(eq(inboundReceipts.channel, key.channel), eq(inboundReceipts.messageId, key.messageId)));
}
