// What the calculator shows below its key figures and verdicts: the amortisation schedule, the
// projection chart and table, and the sensitivity grid; and saving to a deal. The embeds load it as a file of its own
// (deal-calculator-extras.js) once the calculator has rendered, so its inputs, summary and
// verdicts are up without waiting for it.

export { extrasStyles } from './calculator-extras.styles.js';
export { projectionSection, scheduleTable, sensitivityTable } from './calculator-tables.js';
export { dealCalculatorExtrasMessages } from './deal-calculator-extras.messages.js';
export { saveAnalysis } from './save-analysis.js';
export { sensitivityFor } from './sensitivity.js';
