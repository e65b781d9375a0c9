import { nicknameKey, searchPlan } from './memberSearch';

describe('member search', () => {
  it('folds full-width letters, case and spaces so "Ａｂ c" finds "abc"', () => {
    expect(nicknameKey(' Ａｂ c ')).toBe('abc');
  });

  it('looks up an invite code exactly and a nickname by prefix', () => {
    expect(searchPlan('7kq2mh')).toEqual({ inviteCode: '7KQ2MH', prefix: { $gte: '7kq2mh', $lt: '7kq2mh\uffff' } });
    expect(searchPlan('李')).toEqual({ inviteCode: null, prefix: { $gte: '李', $lt: '李\uffff' } });
  });

  it('has nothing to search for a blank query', () => {
    expect(searchPlan('   ')).toBeNull();
  });
});
