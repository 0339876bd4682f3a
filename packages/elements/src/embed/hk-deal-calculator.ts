// The calculator embed: <hk-deal-calculator> alone, for a page that only analyses deals, and the
// file the portal embed loads once the first screen is up (the calculator opens from a deal).
import '../deal-calculator/deal-calculator.define.js';
