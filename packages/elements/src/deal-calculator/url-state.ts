import { defaultValues, fieldsOf, type Strategy, strategies, type Values } from './calculator-fields.js';

/** What the address bar carries: the strategy and one or two scenarios. */
export interface CalculatorState {
  strategy: Strategy;
  scenarios: [Values] | [Values, Values];
}

const PREFIX = 'hk-';
const scenarioNames = ['a', 'b'] as const;

/**
 * Writes the state into `search` as readable parameters, keeping the page's own ones:
 * `hk-deal=rental&hk-a-monthly_rent=2400&hk-compare=1&hk-b-monthly_rent=2600`. Only numbers that
 * differ from the strategy's defaults (`defaults`, every field of it) are written, so a shared
 * link stays short. The defaults are passed in: this function comes with the calculator's extras
 * (it writes only once someone has typed), which do not carry the field tables.
 */
export function writeState(search: string, state: CalculatorState, defaults: Values): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(PREFIX)) params.delete(key);
  params.set(`${PREFIX}deal`, state.strategy);
  if (state.scenarios.length === 2) params.set(`${PREFIX}compare`, '1');
  state.scenarios.forEach((values, i) => {
    for (const [key, fallback] of Object.entries(defaults)) {
      const value = values[key as keyof Values];
      if (value !== undefined && value !== fallback)
        params.set(`${PREFIX}${scenarioNames[i]}-${key}`, String(value));
    }
  });
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads the state back; `null` when the address has none. Unknown or out-of-range numbers are ignored. */
export function readState(search: string): CalculatorState | null {
  const params = new URLSearchParams(search);
  const strategy = strategies.find((name) => name === params.get(`${PREFIX}deal`));
  if (!strategy) return null;
  const scenario = (name: string): Values => {
    const values: Values = { ...defaultValues[strategy] };
    for (const field of fieldsOf(strategy)) {
      const text = params.get(`${PREFIX}${name}-${field.key}`);
      if (text === null || text.trim() === '') continue;
      const value = Number(text);
      if (Number.isFinite(value) && value >= field.min && value <= field.max) values[field.key] = value;
    }
    return values;
  };
  return {
    strategy,
    scenarios: params.get(`${PREFIX}compare`) === '1' ? [scenario('a'), scenario('b')] : [scenario('a')],
  };
}
