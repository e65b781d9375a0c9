import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { DissolveStep, SilentMark } from '../../../../types/groups';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useGroupHealth } from '../../../hooks/useGroups';
import '../../../components/ui.css';

const pct = (permille: number) => `${(permille / 10).toFixed(1)}%`;

const MARK_LABEL: Record<SilentMark, string> = { remove: '待移出', keep: '保留' };

const STEPS: Array<[DissolveStep, string]> = [
  ['round1', '第一轮转化已做'],
  ['round2', '第二轮转化已做'],
  ['round3', '第三轮转化已做'],
  ['moved', '活跃成员已引导到其他群'],
];

/** 群健康度 (hosts): stage with its reason, activity figures, the 洗粉 list to review and the 转化后解散 checklist. */
export default function GroupHealthPage() {
  const { params } = useRouter();
  const { health, mark, tick } = useGroupHealth(params.id ?? '');
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
  const error = mark.error ?? tick.error;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>{h.group.name}</Text>
        <Text className='stat__value' data-testid='health-stage'>
          {h.stage}
        </Text>
        <Text className='muted'>{h.reason}</Text>
        {rows.map(([label, value]) => (
          <View key={label} className='figure-row'>
            <Text>{label}</Text>
            <Text className='figure-row__value'>{value}</Text>
          </View>
        ))}
      </View>
      {error ? <ErrorNote error={error} /> : null}
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
