// The agency-portal embed: the signed-in elements (provider, board, lead list, details, activity)
// without the public lead form, which partner sites load on its own (hk-lead-form.js).
import '../activity-log/activity-log.define.js';
import '../deal-detail/deal-detail.define.js';
import '../lead-detail/lead-detail.define.js';
import '../lead-list/lead-list.define.js';
import '../pipeline-board/pipeline-board.define.js';
import '../provider/provider.define.js';
import { loadWhenIdle } from './when-idle.js';

// The calculator opens from a deal, and the AI panels sit below a lead's or a deal's details:
// both come from their own embed files once the page is idle, so the pipeline and leads paint
// without waiting for them.
loadWhenIdle(() => import('./hk-deal-calculator.js'), 'the deal calculator');
loadWhenIdle(() => import('./hk-insights.js'), 'the AI panels');
