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
 * differ from the strategy's defaults are written, so a shared link stays short.
 */
export function writeState(search: string, state: CalculatorState): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(PREFIX)) params.delete(key);
  params.set(`${PREFIX}deal`, state.strategy);
  if (state.scenarios.length === 2) params.set(`${PREFIX}compare`, '1');
  const defaults = defaultValues[state.strategy];
  state.scenarios.forEach((values, i) => {
    for (const { key } of fieldsOf(state.strategy)) {
      const value = values[key];
      if (value !== undefined && value !== defaults[key])
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
