import {
  STAGE_PROBABILITY as CONTRACT_STAGE_PROBABILITY,
  DealType,
  LeadPriority,
  LeadStatus,
  OpportunityStage,
} from '@hidden-key/sdk/schemas';
import { expect } from '@open-wc/testing';
import {
  DEAL_TYPES,
  LEAD_PRIORITIES,
  LEAD_STATUSES,
  OPPORTUNITY_STAGES,
  STAGE_PROBABILITY,
} from './contract-lists.js';

describe('contract lists', () => {
  it('hold exactly the contract’s values, in its order', () => {
    expect([...LEAD_STATUSES]).to.deep.equal(LeadStatus.options);
    expect([...LEAD_PRIORITIES]).to.deep.equal(LeadPriority.options);
    expect([...OPPORTUNITY_STAGES]).to.deep.equal(OpportunityStage.options);
    expect([...DEAL_TYPES]).to.deep.equal(DealType.options);
    expect(STAGE_PROBABILITY).to.deep.equal(CONTRACT_STAGE_PROBABILITY);
  });
});
