import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ContributionKind, EntryMode, EntrySettings } from '../../../../types/onboarding';
import { CONTRIBUTION_KINDS, CONTRIBUTION_LABEL, MAX_QUESTIONS, parseProfileFieldLines, profileFieldLines } from '../../../core/entry';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useEntrySettings } from '../../../hooks/useOnboarding';
import { controlName } from '../../../components/a11y';

const MODES: Array<[EntryMode, string, string]> = [
  ['open', '自由加入', '任何人登录即成为成员'],
  ['referral', '推荐制', '需要成员的邀请码'],
  ['application', '审核入群', '回答问题，群管审核'],
  ['paid', '付费入群', '仅付费会员可用'],
];

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** 入群设置 (owner): entry mode, questions, nickname format, profile fields, welcome gift, 群规, tags, 话术 and 贡献值 weights. */
export default function EntrySettingsPage() {
  const { entry, save } = useEntrySettings();
  const [form, setForm] = useState<EntrySettings | null>(null);
  const [fieldText, setFieldText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (entry.data) {
      setForm(entry.data);
      setFieldText(profileFieldLines(entry.data.profileFields));
    }
  }, [entry.data]);
  if (!form) return <PageStatus error={entry.error} onRetry={() => void entry.reload()} />;
  const set = (patch: Partial<EntrySettings>) => setForm({ ...form, ...patch });

  const onSave = async () => {
    const parsed = parseProfileFieldLines(fieldText, form.profileFields);
    if ('problem' in parsed) return setProblem(parsed.problem);
    if (form.questions.length > MAX_QUESTIONS) return setProblem(`最多设置 ${MAX_QUESTIONS} 个入群问题`);
    if (form.mode === 'application' && form.questions.length === 0) return setProblem('审核入群至少需要 1 个入群问题');
    setProblem(null);
    const { rulesVersion: _v, ...input } = { ...form, profileFields: parsed.fields };
    const saved = await save.submit(input);
    if (saved) void Taro.showToast({ title: saved.rulesVersion !== form.rulesVersion ? '已保存，成员需重新同意群规' : '已保存', icon: 'none' });
  };

  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>入群方式</Text>
        <View className='chip-row'>
          {MODES.map(([mode, label, detail]) => (
            <Text key={mode} className={`chip${form.mode === mode ? ' is-on' : ''}`} aria-label={`${label}：${detail}${form.mode === mode ? '（当前）' : ''}`} onClick={() => set({ mode })}>
              {label}
            </Text>
          ))}
        </View>
        <Text className='muted'>{MODES.find(([m]) => m === form.mode)?.[2]}。修改入群方式不会影响已有成员。</Text>
        <View className='field'>
          <Text className='field__label'>社群介绍（未入群的人能看到）</Text>
          <Textarea className='field__input' value={form.intro} maxlength={300} {...controlName('社群介绍')} onInput={(e) => set({ intro: e.detail.value })} />
        </View>
        <View className='field'>
          <Text className='field__label'>入群问题（每行一个，最多 {MAX_QUESTIONS} 个）</Text>
          <Textarea className='field__input' value={form.questions.join('\n')} {...controlName('入群问题')} onInput={(e) => set({ questions: lines(e.detail.value) })} />
        </View>
      </View>
      <View className='card'>
        <Text className='section-title'>入群仪式</Text>
        <View className='field'>
          <Text className='field__label'>昵称格式（用“-”分隔，如 城市-行业-姓名；留空不限）</Text>
          <Input className='field__input' value={form.nicknameFormat ?? ''} maxlength={30} {...controlName('昵称格式')} onInput={(e) => set({ nicknameFormat: e.detail.value.trim() || null })} />
        </View>
        <View className='field'>
          <Text className='field__label'>个人资料项（每行一项，如「行业：单选：教育/互联网（必填）」）</Text>
          <Textarea className='field__input' value={fieldText} {...controlName('个人资料项')} onInput={(e) => setFieldText(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>入群礼积分（完成入群仪式后发放一次）</Text>
          <Input className='field__input' type='number' value={String(form.welcomePoints)} {...controlName('入群礼积分')} onInput={(e) => set({ welcomePoints: Number(e.detail.value) || 0 })} />
        </View>
        <View className='field'>
          <Text className='field__label'>群规（修改后成员需重新阅读同意，当前第 {form.rulesVersion} 版）</Text>
          <Textarea className='field__input' value={form.rules} maxlength={2000} {...controlName('群规')} onInput={(e) => set({ rules: e.detail.value })} />
        </View>
      </View>
      <View className='card'>
        <Text className='section-title'>标签与欢迎话术</Text>
        <View className='field'>
          <Text className='field__label'>成员标签（每行一个）</Text>
          <Textarea className='field__input' value={form.tags.join('\n')} {...controlName('成员标签')} onInput={(e) => set({ tags: lines(e.detail.value) })} />
        </View>
        <View className='field'>
          <Text className='field__label'>欢迎话术（每行一条）</Text>
          <Textarea className='field__input' value={form.greetings.join('\n')} {...controlName('欢迎话术')} onInput={(e) => set({ greetings: lines(e.detail.value) })} />
        </View>
      </View>
      <View className='card'>
        <Text className='section-title'>封禁权限</Text>
        <View className='chip-row'>
          {[false, true].map((on) => (
            <Text key={String(on)} className={`chip${form.hostsMayBan === on ? ' is-on' : ''}`} aria-label={`${on ? '讲师也可封禁普通成员' : '仅群主可封禁'}${form.hostsMayBan === on ? '（当前）' : ''}`} onClick={() => set({ hostsMayBan: on })}>
              {on ? '讲师也可封禁普通成员' : '仅群主可封禁'}
            </Text>
          ))}
        </View>
      </View>
      <View className='card'>
        <Text className='section-title'>贡献值权重（每次计分）</Text>
        {CONTRIBUTION_KINDS.map((kind: ContributionKind) => (
          <View className='figure-row' key={kind}>
            <Text>{CONTRIBUTION_LABEL[kind]}</Text>
            <Input
              className='field__input'
              type='number'
              value={String(form.contributionWeights[kind])}
              {...controlName(`${CONTRIBUTION_LABEL[kind]} 的贡献值`)}
              onInput={(e) => set({ contributionWeights: { ...form.contributionWeights, [kind]: Number(e.detail.value) || 0 } })}
            />
          </View>
        ))}
      </View>
      {problem ? <Text className='field__error'>{problem}</Text> : null}
      {save.error ? <ErrorNote error={save.error} /> : null}
      <Button className='btn btn--primary' loading={save.submitting} disabled={save.submitting} onClick={() => void onSave()}>
        保存入群设置
      </Button>
    </View>
  );
}
