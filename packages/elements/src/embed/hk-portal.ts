// The agency-portal embed: the signed-in elements (provider, board, lead list, details, activity,
// calculator) without the public lead form, which partner sites load on its own (hk-lead-form.js).
import '../activity-log/activity-log.define.js';
import '../deal-calculator/deal-calculator.define.js';
import '../deal-detail/deal-detail.define.js';
import '../lead-detail/lead-detail.define.js';
import '../lead-list/lead-list.define.js';
import '../pipeline-board/pipeline-board.define.js';
import '../provider/provider.define.js';
