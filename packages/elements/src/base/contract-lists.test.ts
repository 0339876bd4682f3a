import { expect } from '@open-wc/testing';
import { reopenFlag } from './contract-lists.js';

describe('contract lists', () => {
  it('asks to reopen only a move out of won or lost', () => {
    expect(reopenFlag('won', 'prospecting')).to.deep.equal({ reopen: true });
    expect(reopenFlag('lost', 'won')).to.deep.equal({ reopen: true });
    expect(reopenFlag('won', 'won')).to.deep.equal({});
    expect(reopenFlag('closing', 'won')).to.deep.equal({});
  });
});
