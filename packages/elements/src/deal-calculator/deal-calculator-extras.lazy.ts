// What the calculator shows below its key figures and verdicts: the amortisation schedule, the
// projection chart and table, the sensitivity grid and the analysis warnings; the comparison of two scenarios, the
// print stylesheet, saving to a deal and writing the state into the address once someone types. The embeds load it as a file of its own
// (deal-calculator-extras.js) once the calculator has rendered, so its inputs, summary and
// verdicts are up without waiting for it.

export { extrasStyles } from './calculator-extras.styles.js';
export {
  comparisonTable,
  printReport,
  projectionSection,
  scheduleTable,
  sensitivityTable,
  warningList,
} from './calculator-tables.js';
export { dealCalculatorExtrasMessages } from './deal-calculator-extras.messages.js';
export { saveAnalysis } from './save-analysis.js';
export { sensitivityFor } from './sensitivity.js';
export { writeState } from './url-state.js';
