import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ExpiryPolicyView } from '../../../../types/api';
import { tapRole } from '../../../components/a11y';
import { ErrorNote } from '../../../components/ErrorNote';
import { TextField } from '../../../components/Field';
import { expiryPolicyProblem, expiryPolicyText } from '../../../core/ruleChanges';
import { useExpiryPreview, type useOwnerRules } from '../../../hooks/useOwnerRules';
import { showDay } from '../../../services/time';

const KINDS: Array<[ExpiryPolicyView['kind'], string]> = [['never', '永不过期'], ['rolling', '获得后 N 天'], ['end_of_next_year', '次年年底']];

function policyOf(kind: ExpiryPolicyView['kind'], days: string): ExpiryPolicyView {
  if (kind !== 'rolling') return { kind };
  return { kind, days: /^\d+$/.test(days.trim()) ? Number(days.trim()) : Number.NaN };
}

/** 积分有效期: the policy for points credited from now on, with its effect previewed before saving. */
export function ExpiryEditor({ initial, editor }: { initial: ExpiryPolicyView; editor: ReturnType<typeof useOwnerRules>['expiry'] }) {
  const [kind, setKind] = useState(initial.kind);
  const [days, setDays] = useState(initial.kind === 'rolling' ? String(initial.days) : '365');
  const policy = policyOf(kind, days);
  const problem = expiryPolicyProblem(policy);
  const preview = useExpiryPreview(problem ? null : policy).data;

  const onSave = async () => {
    const done = await editor.save(policy);
    if (done) void Taro.showToast({ title: done.changed ? '已保存，新得积分生效' : '没有改动', icon: done.changed ? 'success' : 'none' });
  };
  return (
    <View className='card' data-testid='expiry-editor'>
      <Text className='section-title'>积分有效期</Text>
      <View className='tabs' ariaRole='tablist' role='tablist'>
        {KINDS.map(([k, label]) => (
          <Text key={k} {...tapRole('tab', kind === k)} className={`tabs__item${kind === k ? ' is-active' : ''}`} onClick={() => setKind(k)}>
            {label}
          </Text>
        ))}
      </View>
      {kind === 'rolling' ? <TextField label='获得后几天过期（7–3650）' type='number' value={days} onChange={setDays} error={problem} testId='expiry-days' /> : null}
      {preview && !problem ? (
        <Text className='form-hint' data-testid='expiry-preview'>
          改为{expiryPolicyText(policy)}：今天获得的积分{preview.earnedTodayExpiresAt ? `将于 ${showDay(preview.earnedTodayExpiresAt)} 到期` : '不会过期'}。已发放的积分到期时间不变，下月（{preview.month}）将有 {preview.dueNextMonth.toLocaleString('en-US')} 积分到期（{preview.membersDue} 人）。
        </Text>
      ) : null}
      {editor.error ? <ErrorNote error={editor.error} /> : null}
      <Button className='btn btn--primary' loading={editor.busy} disabled={editor.busy} onClick={() => void onSave()} data-testid='expiry-save'>
        保存积分有效期
      </Button>
    </View>
  );
}
