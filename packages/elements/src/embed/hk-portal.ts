// The agency-portal embed: the signed-in elements (provider, board, lead list, details, activity)
// without the public lead form, which partner sites load on its own (hk-lead-form.js).
import '../activity-log/activity-log.define.js';
import '../deal-detail/deal-detail.define.js';
import '../lead-detail/lead-detail.define.js';
import '../lead-list/lead-list.define.js';
import '../pipeline-board/pipeline-board.define.js';
import '../provider/provider.define.js';

// The calculator opens from a deal, after the first screen: it comes from its own embed file
// (beside this one) once the page is idle, so the pipeline and leads paint without waiting for it.
// Properties a page sets on <hk-deal-calculator> before then are kept when it upgrades.
const loadCalculator = () =>
  import('./hk-deal-calculator.js').catch((error) =>
    console.warn('Hidden Key: the deal calculator could not be loaded.', error),
  );
if ('requestIdleCallback' in window) requestIdleCallback(loadCalculator, { timeout: 2000 });
else setTimeout(loadCalculator, 200);
