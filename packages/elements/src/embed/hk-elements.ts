// Defines every Hidden Key element (each only if its tag is not taken yet). Add one side-effect
// import of each new component's define file here; the AI panels (hk-insights.js) come from
// their own file once the page is idle.
import '../activity-log/activity-log.define.js';
import '../deal-calculator/deal-calculator.define.js';
import '../deal-detail/deal-detail.define.js';
import '../lead-detail/lead-detail.define.js';
import '../lead-form/lead-form.define.js';
import '../lead-list/lead-list.define.js';
import '../pipeline-board/pipeline-board.define.js';
import '../provider/provider.define.js';
import { loadWhenIdle } from './when-idle.js';

loadWhenIdle(() => import('./hk-insights.js'), 'the AI panels');
