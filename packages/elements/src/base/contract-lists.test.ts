import {
  CLOSED_STAGES as CONTRACT_CLOSED_STAGES,
  STAGE_PROBABILITY as CONTRACT_STAGE_PROBABILITY,
  DealType,
  LeadPriority,
  LeadStatus,
  OpportunityStage,
} from '@hidden-key/sdk/schemas';
import { expect } from '@open-wc/testing';
import {
  CLOSED_STAGES,
  DEAL_TYPES,
  LEAD_PRIORITIES,
  LEAD_STATUSES,
  OPPORTUNITY_STAGES,
  reopenFlag,
  STAGE_PROBABILITY,
} from './contract-lists.js';

describe('contract lists', () => {
  it('hold exactly the contract’s values, in its order', () => {
    expect([...LEAD_STATUSES]).to.deep.equal(LeadStatus.options);
    expect([...LEAD_PRIORITIES]).to.deep.equal(LeadPriority.options);
    expect([...OPPORTUNITY_STAGES]).to.deep.equal(OpportunityStage.options);
    expect([...DEAL_TYPES]).to.deep.equal(DealType.options);
    expect(STAGE_PROBABILITY).to.deep.equal(CONTRACT_STAGE_PROBABILITY);
    expect([...CLOSED_STAGES]).to.deep.equal([...CONTRACT_CLOSED_STAGES]);
  });

  it('asks to reopen only a move out of won or lost', () => {
    expect(reopenFlag('won', 'prospecting')).to.deep.equal({ reopen: true });
    expect(reopenFlag('lost', 'won')).to.deep.equal({ reopen: true });
    expect(reopenFlag('won', 'won')).to.deep.equal({});
    expect(reopenFlag('closing', 'won')).to.deep.equal({});
  });
});
