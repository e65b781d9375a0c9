import { effectiveStatus, nicknameFormatProblem, parseProfileFieldLines, profileFieldLines, profileProblem, stepDone, windowSum, type ProfileField } from './entry';

const FIELDS: ProfileField[] = [
  { key: 'city', label: '城市', kind: 'text', options: [], required: true },
  { key: 'industry', label: '行业', kind: 'single', options: ['教育', '零售'], required: true },
  { key: 'hobby', label: '兴趣', kind: 'multi', options: ['读书', '跑步'], required: false },
];

describe('nickname format', () => {
  it('accepts any nickname without a format and one with every part filled', () => {
    expect(nicknameFormatProblem(null, '随便')).toBeNull();
    expect(nicknameFormatProblem('城市-行业-姓名', '上海-教育-小林')).toBeNull();
  });
  it('names the format and an example when parts are missing or empty', () => {
    expect(nicknameFormatProblem('城市-行业-姓名', '小林')).toBe('昵称请按「城市-行业-姓名」的格式填写，用“-”分隔，例如：上海-教育-小林');
    expect(nicknameFormatProblem('城市-行业-姓名', '上海--小林')).not.toBeNull();
    expect(nicknameFormatProblem('城市-行业-姓名', '上海-教育-小林-多')).not.toBeNull();
  });
});

describe('profile values', () => {
  it('asks for required fields and choices among the options', () => {
    expect(profileProblem(FIELDS, {})).toBe('请填写城市');
    expect(profileProblem(FIELDS, { city: '上海' })).toBe('请选择行业');
    expect(profileProblem(FIELDS, { city: '上海', industry: '金融' })).toBe('请从选项中选择行业');
    expect(profileProblem(FIELDS, { city: '上海', industry: '教育', hobby: ['游泳'] })).toBe('请从选项中选择兴趣');
    expect(profileProblem(FIELDS, { city: '上海', industry: '教育', hobby: ['读书', '读书'] })).toBe('兴趣有重复的选项');
    expect(profileProblem(FIELDS, { city: '上海', industry: '教育', extra: 'x' })).toBe('资料项已更新，请刷新后重试');
    expect(profileProblem(FIELDS, { city: '上海', industry: '教育', hobby: ['读书'] })).toBeNull();
  });
});

describe('status and steps', () => {
  it('treats a missing status as admitted and a lapsed ban as over', () => {
    expect(effectiveStatus({}, '2026-01-01T00:00:00Z')).toBe('admitted');
    expect(effectiveStatus({ status: 'banned', ban: { until: '2026-01-02T00:00:00Z' } }, '2026-01-01T00:00:00Z')).toBe('banned');
    expect(effectiveStatus({ status: 'banned', ban: { until: '2026-01-02T00:00:00Z' } }, '2026-01-02T00:00:00Z')).toBe('admitted');
    expect(effectiveStatus({ status: 'banned', ban: { until: null } }, '2030-01-01T00:00:00Z')).toBe('banned');
    expect(effectiveStatus({ status: 'pending' }, '2026-01-01T00:00:00Z')).toBe('pending');
  });
  it('asks for the rules again when their version moves on', () => {
    expect(stepDone({ rulesVersion: 1 }, 'rules', 1)).toBe(true);
    expect(stepDone({ rulesVersion: 1 }, 'rules', 2)).toBe(false);
    expect(stepDone({ introAt: '2026-01-01T00:00:00Z' }, 'intro', 1)).toBe(true);
    expect(stepDone(undefined, 'nickname', 1)).toBe(false);
  });
  it('sums contribution buckets from the window start on', () => {
    expect(windowSum({ '2026-01-01': 5, '2026-01-15': 3, '2026-01-30': 2 }, '2026-01-15')).toBe(5);
  });
});

describe('profile field lines', () => {
  it('round-trips the owner lines and keeps keys by label', () => {
    const lines = profileFieldLines(FIELDS);
    expect(lines).toBe('城市：文本（必填）\n行业：单选：教育/零售（必填）\n兴趣：多选：读书/跑步');
    const parsed = parseProfileFieldLines(`${lines}\n工作年限：单选：1 年以内/1–3 年`, FIELDS);
    expect(parsed).toEqual({ fields: [...FIELDS, { key: 'f1', label: '工作年限', kind: 'single', options: ['1 年以内', '1–3 年'], required: false }] });
  });
  it('names the line that does not read', () => {
    expect(parseProfileFieldLines('城市：文本\n行业：单选：教育', [])).toEqual({ problem: '第 2 行「行业」至少需要 2 个选项，用“/”分隔' });
    expect(parseProfileFieldLines('城市：日期', [])).toEqual({ problem: '第 1 行请写成「名称：文本」或「名称：单选：选项1/选项2」' });
  });
});
