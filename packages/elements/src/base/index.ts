export { pushAnalyticsEvent } from './analytics.js';
export { errorText, failureText, type LoadProblem, loadProblemOf } from './error-text.js';
export { formatCurrency, formatNumber, formatPercent } from './format.js';
export { type EventDetail, HkElement, type HkEventName } from './hk-element.js';
export { formatPhone, sourceLabel } from './lead-text.js';
export {
  type Catalogue,
  type Language,
  LocalizeController,
  languages,
  type Message,
  type Messages,
  nearestLang,
  toLanguage,
} from './localize.js';
export { baseStyles, tokens } from './tokens.js';
