import { foldText, matchFaq } from './faq';

const entries = [
  { id: 'a', keywords: ['退款', '退钱'], question: '会员费可以退款吗？' },
  { id: 'b', keywords: ['回放'], question: '直播错过了怎么看回放？' },
  { id: 'c', keywords: ['积分'], question: '积分什么时候过期？' },
];

describe('matchFaq', () => {
  it('finds entries whose keyword the question contains, best first', () => {
    expect(matchFaq('我想申请退款，怎么操作', entries).map((e) => e.id)).toEqual(['a']);
    expect(matchFaq('积分会过期吗？回放在哪', entries).map((e) => e.id).sort()).toEqual(['b', 'c']);
  });
  it('matches a short query inside a keyword and ignores width, case and punctuation', () => {
    expect(matchFaq('退', entries)).toEqual([]);
    expect(matchFaq('ＦＡＱ 回放！', entries).map((e) => e.id)).toEqual(['b']);
    expect(foldText(' A，b ')).toBe('ab');
  });
  it('returns nothing for unrelated or empty text and respects the limit', () => {
    expect(matchFaq('今天天气不错', entries)).toEqual([]);
    expect(matchFaq('   ', entries)).toEqual([]);
    expect(matchFaq('退款 回放 积分', entries, 2)).toHaveLength(2);
  });
});
