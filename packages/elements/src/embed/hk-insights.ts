// The AI panels: what the agents produced for a lead (enrichment with comps, drafts, sequences)
// and Dave's narrative of a deal. Their own file, which the portal and hk-elements load once the
// page is idle, so neither the lead form nor the calculator, nor the portal's first paint, pays
// for them. The details show them in their `ai-drafts` slots once defined.
import '../deal-narrative/deal-narrative.define.js';
import '../lead-insights/lead-insights.define.js';
