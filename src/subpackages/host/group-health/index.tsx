import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { useGroupHealth } from '../../../hooks/useGroups';
import '../../../components/ui.css';

const pct = (permille: number) => `${(permille / 10).toFixed(1)}%`;

/** 群健康度 (hosts): stage with its reason, activity figures and the 洗粉 list to act on in WeChat. */
export default function GroupHealthPage() {
  const { params } = useRouter();
  const health = useGroupHealth(params.id ?? '');
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
      <View className='card'>
        <Text className='section-title'>洗粉名单（沉默 {h.silentDays} 天以上，不含讲师和群主）</Text>
        <Text className='muted'>群运不能把人移出微信群：请在微信群里逐一处理，或先私聊唤醒。活动结束后转化解散前，请确认三轮转化已做完、活跃成员已引导到其他群。</Text>
        {h.silent.length === 0 ? <Text className='muted'>没有沉默成员。</Text> : null}
        {h.silent.map((s) => (
          <View key={s.memberId} className='link-row' role='button' aria-label={`查看${s.name}`} onClick={() => void Taro.navigateTo({ url: `/subpackages/host/member/index?memberId=${encodeURIComponent(s.memberId)}` })}>
            <Text>{s.name}</Text>
            <Text className='muted'>最后活跃 {s.lastActiveDay ?? '—'} ›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
