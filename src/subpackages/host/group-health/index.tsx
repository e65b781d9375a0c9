import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { DissolveStep, SilentMark, StageThresholdsView } from '../../../../types/groups';
import { firstProblem, intProblem } from '../../../core/formRules';
import { hasRole } from '../../../core/roles';
import { useMember } from '../../../hooks/useMember';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useGroupHealth } from '../../../hooks/useGroups';
import '../../../components/ui.css';
import { controlName } from '../../../components/a11y';

const pct = (permille: number) => `${(permille / 10).toFixed(1)}%`;

const MARK_LABEL: Record<SilentMark, string> = { remove: '待移出', keep: '保留' };

const STEPS: Array<[DissolveStep, string]> = [
  ['round1', '第一轮转化已做'],
  ['round2', '第二轮转化已做'],
  ['round3', '第三轮转化已做'],
  ['moved', '活跃成员已引导到其他群'],
];

const THRESHOLD_FIELDS: Array<{ key: keyof StageThresholdsView; label: string; unit: '人' | '%'; max: number }> = [
  { key: 'startingMembers', label: '少于多少名成员算起步', unit: '人', max: 10_000 },
  { key: 'growthRise', label: '签到率比前 7 天高多少算成长', unit: '%', max: 100 },
  { key: 'declineDrop', label: '签到率比前 7 天低多少算衰退', unit: '%', max: 100 },
  { key: 'silentMax', label: '30 天沉默占比超过多少算衰退', unit: '%', max: 100 },
];

/** Owner: edit the stage thresholds (percent on screen, per mille stored). */
function ThresholdsEditor({ current, saving, onSave }: { current: StageThresholdsView; saving: boolean; onSave: (next: StageThresholdsView) => Promise<unknown> }) {
  const shown = (k: keyof StageThresholdsView) => String(k === 'startingMembers' ? current[k] : Math.round(current[k] / 10));
  const [values, setValues] = useState<Record<keyof StageThresholdsView, string>>({ startingMembers: shown('startingMembers'), growthRise: shown('growthRise'), declineDrop: shown('declineDrop'), silentMax: shown('silentMax') });
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    const found = firstProblem(Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f.key, intProblem(values[f.key], f.label, 1, f.max)])) as Record<keyof StageThresholdsView, string | null>);
    setProblem(found);
    if (found) return;
    const n = (k: keyof StageThresholdsView) => Number(values[k]) * (k === 'startingMembers' ? 1 : 10);
    const done = await onSave({ startingMembers: n('startingMembers'), declineDrop: n('declineDrop'), silentMax: n('silentMax'), growthRise: n('growthRise') });
    if (done) void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  return (
    <View className='card'>
      <Text className='section-title'>阶段阈值（群主可改，对所有群生效）</Text>
      {THRESHOLD_FIELDS.map((f) => (
        <View key={f.key} className='field'>
          <Text className='field__label'>
            {f.label}（{f.unit}）
          </Text>
          <Input className='field__input' type='number' {...controlName(f.label)} value={values[f.key]} onInput={(e) => setValues((v) => ({ ...v, [f.key]: e.detail.value }))} data-testid={`threshold-${f.key}`} />
        </View>
      ))}
      {problem ? <Text className='field__error'>{problem}</Text> : null}
      <Button className='btn btn--primary' loading={saving} disabled={saving} onClick={() => void save()}>
        保存阈值
      </Button>
    </View>
  );
}

/** 群健康度 (hosts): stage with its reason, activity figures, the 洗粉 list to review and the 转化后解散 checklist; owners also edit the stage thresholds. */
export default function GroupHealthPage() {
  const { params } = useRouter();
  const { health, mark, tick, thresholds } = useGroupHealth(params.id ?? '');
  const me = useMember();
  const isOwner = me.data ? hasRole(me.data.role, 'owner') : false;
  const h = health.data;
  if (!h) return <PageStatus error={health.error} onRetry={() => void health.reload()} />;
  const rows: Array<[string, string]> = [
    ['识别到的成员', `${h.seen} 人`],
    ['近 7 天活跃', `${h.active7} 人`],
    ['近 30 天活跃', `${h.active30} 人`],
    ['30 天沉默占比', pct(h.silentPermille)],
    ['近 7 天签到率', pct(h.checkinRate7)],
    ['前 7 天签到率', pct(h.checkinRatePrev7)],
  ];
  const error = mark.error ?? tick.error ?? thresholds.error;
  const t = h.thresholds;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>{h.group.name}</Text>
        <Text className='stat__value' data-testid='health-stage'>
          {h.stage}
        </Text>
        <Text className='muted'>{h.reason}</Text>
        <Text className='muted' data-testid='health-thresholds'>
          阶段规则：识别成员少于 {t.startingMembers} 人为起步；沉默占比超过 {pct(t.silentMax)} 或签到率比前 7 天低 {pct(t.declineDrop)} 以上为衰退；高 {pct(t.growthRise)} 以上为成长；其余为稳定。
        </Text>
        {rows.map(([label, value]) => (
          <View key={label} className='figure-row'>
            <Text>{label}</Text>
            <Text className='figure-row__value'>{value}</Text>
          </View>
        ))}
      </View>
      {error ? <ErrorNote error={error} /> : null}
      {isOwner ? <ThresholdsEditor key={JSON.stringify(t)} current={t} saving={thresholds.submitting} onSave={(next) => thresholds.submit(next)} /> : null}
      <View className='card'>
        <Text className='section-title'>洗粉名单（沉默 {h.silentDays} 天以上，不含讲师和群主）</Text>
        <Text className='muted'>群运不能把人移出微信群：标记后请在微信群里逐一处理，或先私聊唤醒。</Text>
        {h.silent.length === 0 ? <Text className='muted'>没有沉默成员。</Text> : null}
        {h.silent.map((s) => (
          <View key={s.memberId} className='link-row' data-testid='silent-row'>
            <View className='member-list__main' role='button' aria-label={`查看${s.name}`} onClick={() => void Taro.navigateTo({ url: `/subpackages/host/member/index?memberId=${encodeURIComponent(s.memberId)}` })}>
              <Text>
                {s.name}
                {s.mark ? `（${MARK_LABEL[s.mark]}）` : ''}
              </Text>
              <Text className='member-list__meta'>最后活跃 {s.lastActiveDay ?? '—'}</Text>
            </View>
            <View>
              {(['remove', 'keep'] as const).map((m) => (
                <Button key={m} className='btn btn--small btn--ghost' aria-label={`${s.name}${MARK_LABEL[m]}`} disabled={mark.submitting} onClick={() => void mark.submit(s.memberId, s.mark === m ? 'none' : m)}>
                  {s.mark === m ? `取消${MARK_LABEL[m]}` : MARK_LABEL[m]}
                </Button>
              ))}
            </View>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>转化后解散清单</Text>
        <Text className='muted'>活动结束后解散群之前，确认三轮转化都做了、活跃成员已引导到其他群。</Text>
        {STEPS.map(([step, label]) => (
          <View key={step} className='form-row' role='checkbox' aria-checked={h.checklist[step]} aria-label={label} onClick={() => void tick.submit(step, !h.checklist[step])}>
            <Text>{label}</Text>
            <Text>{h.checklist[step] ? '✓ 已完成' : '未完成'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
