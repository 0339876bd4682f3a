import { and, count, desc, eq, gte, sql, sum } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { aiRuns, organizations } from '../../db/schema.js';

export type AiRunRow = typeof aiRuns.$inferSelect;
export type NewAiRun = typeof aiRuns.$inferInsert;

/** The first instant of the calendar month (UTC) that `now` falls in, and of the next one. */
export function monthBounds(now: Date) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, next, month: start.toISOString().slice(0, 7) };
}

export async function recordAiRun(db: Executor, run: NewAiRun) {
  await db.insert(aiRuns).values(run);
}

/** The latest answer the model gave to exactly this prompt in this organisation. */
export async function findCachedAnswer(db: Executor, organizationId: string, promptHash: string) {
  const [row] = await db
    .select({ output: aiRuns.output, model: aiRuns.model })
    .from(aiRuns)
    .where(
      and(
        eq(aiRuns.organizationId, organizationId),
        eq(aiRuns.promptHash, promptHash),
        eq(aiRuns.source, 'openai'),
        eq(aiRuns.cached, false),
      ),
    )
    .orderBy(desc(aiRuns.createdAt))
    .limit(1);
  return row;
}

/** Tokens, requests and replays of the month so far. */
export async function monthlyUsage(db: Executor, organizationId: string, since: Date) {
  const [row] = await db
    .select({
      tokens: sum(sql`${aiRuns.promptTokens} + ${aiRuns.completionTokens}`).mapWith(Number),
      requests: count(),
      cached: count(sql`case when ${aiRuns.cached} then 1 end`),
    })
    .from(aiRuns)
    .where(and(eq(aiRuns.organizationId, organizationId), gte(aiRuns.createdAt, since)));
  return { tokens: row?.tokens ?? 0, requests: row?.requests ?? 0, cached: row?.cached ?? 0 };
}

/** The organisation's own budget (`settings.ai.monthly_token_budget`) or the server's default. */
export async function tokenBudget(db: Executor, organizationId: string, fallback: number) {
  const [row] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const own = (row?.settings?.ai as { monthly_token_budget?: unknown } | undefined)?.monthly_token_budget;
  return typeof own === 'number' && Number.isInteger(own) && own >= 0 ? own : fallback;
}
