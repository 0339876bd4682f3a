/**
 * Dave's number check under attack: 200 randomised deals (rental, flip, BRRRR, wholesale) sent to
 * `POST /v1/ai/analyze-deal`, with the loopback OpenAI stand-in answering, through the real
 * `openai` client, narratives that cite one wrong number on purpose. Two runs: the stand-in lies
 * every time (the route must fall back to the template), and it lies once then tells the truth
 * (the route must regenerate and show the honest narrative). A lie counts as caught when the
 * number it invented is absent from the narrative the route answered.
 *
 *   pnpm --filter @hidden-key/server bench        (or: node --import tsx bench/ai-narratives.ts)
 */
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { figuresOf } from '../src/services/ai/deal/narrative-numbers.js';
import { createOrganization } from '../src/services/organizations.js';
import { startOpenAiStandIn } from '../test/openai-stand-in.js';

const CASES = Number(process.env.BENCH_NARRATIVE_CASES ?? 200);

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const between = (low: number, high: number) => Math.round(low + random() * (high - low));
const dollars = (value: number) => `$${Math.round(Math.abs(value)).toLocaleString('en-US')}`;

function randomDeal(index: number): { kind: string; input: Record<string, unknown> } {
  const price = between(80_000, 600_000);
  switch (index % 4) {
    case 0:
      return {
        kind: 'rental',
        input: {
          purchase_price: price,
          closing_costs: between(2_000, 9_000),
          monthly_rent: between(900, 4_000),
          vacancy_rate: between(3, 10) / 100,
          expenses: {
            property_tax: between(1_000, 6_000),
            insurance: between(600, 2_000),
            management_rate: 0.08,
          },
          loan: { ltv: 0.75, annual_rate: between(50, 80) / 1_000, term_months: 360 },
          hold_years: between(3, 10),
          appreciation_rate: 0.03,
        },
      };
    case 1:
      return {
        kind: 'flip',
        input: {
          purchase_price: price,
          rehab_cost: between(10_000, 90_000),
          months_held: between(3, 12),
          holding_costs_monthly: between(500, 2_500),
          after_repair_value: Math.round(price * (1.2 + random() * 0.5)),
          selling_cost_rate: 0.08,
        },
      };
    case 2:
      return {
        kind: 'brrrr',
        input: {
          purchase_price: price,
          rehab_cost: between(10_000, 80_000),
          after_repair_value: Math.round(price * (1.3 + random() * 0.4)),
          refinance: { ltv: 0.75, annual_rate: 0.07, term_months: 360 },
          monthly_rent: between(900, 4_000),
        },
      };
    default:
      return {
        kind: 'wholesale',
        input: {
          after_repair_value: price,
          rehab_cost: between(5_000, 80_000),
          assignment_fee: between(3_000, 20_000),
        },
      };
  }
}

/** A figure as dollars, a percentage and a plain number: what a lie must not coincide with. */
const shownForms = (figures: number[]) =>
  new Set(figures.flatMap((figure) => [dollars(figure), `${(Math.abs(figure) * 100).toFixed(1)}%`]));

/** A narrative citing two true figures and one invented one (returned alongside, to look for later). */
function lie(facts: { analysis: unknown; input: unknown }) {
  const figures = figuresOf([facts.analysis, facts.input]).filter((figure) => Math.abs(figure) >= 1_000);
  const forms = shownForms(figuresOf([facts.analysis, facts.input]));
  const base = figures[Math.floor(random() * figures.length)] ?? 100_000;
  let wrong = dollars(base * (1 + (0.03 + random() * 0.4) * (random() < 0.5 ? -1 : 1)));
  while (forms.has(wrong)) wrong = dollars(Number(wrong.replace(/[$,]/g, '')) + 137);
  const [first, second] = [figures[0] ?? 0, figures[1] ?? 0];
  return {
    text: `The deal needs ${dollars(first)} and returns ${wrong}; the other key figure is ${dollars(second)}.`,
    wrong,
  };
}

const handle = await openDatabase({});
await handle.migrate();
const standIn = await startOpenAiStandIn();
const deps = defaultDeps(handle.db);
const app = createApp({
  ...deps,
  ai: {
    apiKey: 'sk-bench',
    baseURL: standIn.baseURL,
    model: 'gpt-standin',
    timeoutMs: 5_000,
    maxRetries: 0,
    monthlyTokenBudget: 1e9,
  },
});
const org = await createOrganization(deps, { name: 'Bench' });

async function run(mode: 'always' | 'once') {
  const lies: string[] = [];
  let attemptsInCase = 0;
  standIn.respondWith((request) => {
    const facts = JSON.parse(request.body.messages[1]!.content);
    attemptsInCase++;
    if (mode === 'once' && attemptsInCase > 1) {
      return {
        json: {
          narrative: `The analysis input is ${dollars(figuresOf(facts.input).find((f) => f >= 1_000) ?? 0)}.`,
        },
      };
    }
    const told = lie(facts);
    lies.push(told.wrong);
    return { json: { narrative: told.text } };
  });
  let caught = 0;
  let openai = 0;
  for (let index = 0; index < CASES; index++) {
    attemptsInCase = 0;
    lies.length = 0;
    const response = await app.request('/v1/ai/analyze-deal', {
      method: 'POST',
      headers: { authorization: `Bearer ${org.secret_key}`, 'content-type': 'application/json' },
      body: JSON.stringify(randomDeal(index)),
    });
    const body = (await response.json()) as { data: { narrative: string; source: string } };
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
    if (lies.every((wrong) => !body.data.narrative.includes(wrong))) caught++;
    if (body.data.source === 'openai') openai++;
  }
  return { caught, openai };
}

const always = await run('always');
const once = await run('once');
const pct = (count: number) => `${((count / CASES) * 100).toFixed(1)} %`;
console.log(`AI deal narratives, ${CASES} randomised deals, stand-in citing one invented number per answer`);
console.log(
  `  lies every time:     caught ${always.caught}/${CASES} (${pct(always.caught)}), answered from the template ${CASES - always.openai}/${CASES}`,
);
console.log(
  `  lies once, then not: caught ${once.caught}/${CASES} (${pct(once.caught)}), honest regenerated narrative shown ${once.openai}/${CASES}`,
);
await standIn.close();
await handle.close();
