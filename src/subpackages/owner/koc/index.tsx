import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { PageStatus } from '../../../components/PageStatus';
import { useKoc } from '../../../hooks/useOnboarding';

function minutes(seconds: number | null): string {
  if (seconds === null) return '暂无';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} 分钟`;
  return `${(seconds / 3600).toFixed(1)} 小时`;
}

/** 贡献榜与入群完成度 (owners): top contributors over 30 days with what each did, how 贡献值 is counted, and onboarding completion per step and join week. */
export default function KocPage() {
  const koc = useKoc();
  const k = koc.data;
  if (!k) return <PageStatus error={koc.error} onRetry={() => void koc.reload()} />;
  const s = k.stats;
  return (
    <View className='page'>
      <View className='card' data-testid='koc-list'>
        <Text className='section-title'>KOC · 近 30 天贡献值</Text>
        {k.kocs.length === 0 ? <EmptyState title='还没有贡献记录' detail='成员欢迎新人、回答被采纳、组织活动等行为会计入贡献值。' /> : null}
        {k.kocs.map((c, i) => (
          <View className='figure-row' key={c.memberId}>
            <Text>
              {i + 1}. {c.nickname} {c.activist ? <Text className='role-tag role-tag--owner'>积极分子</Text> : null}
              {'\n'}
              <Text className='muted'>{c.did.map((d) => `${d.label} ${d.count} 次`).join('，')}</Text>
            </Text>
            <Text className='figure-row__value'>{c.last30}</Text>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>贡献值怎么算</Text>
        {k.weights.map((w) => (
          <View className='figure-row' key={w.kind}>
            <Text>{w.label}</Text>
            <Text className='figure-row__value'>每次 {w.points} 分</Text>
          </View>
        ))}
        <Text className='muted'>近 30 天贡献值前 10% 的成员获得「积极分子」徽章。权重在入群设置中修改。</Text>
      </View>
      <View className='card' data-testid='onboarding-stats'>
        <Text className='section-title'>入群仪式完成度（近 180 天入群 {s.admitted} 人）</Text>
        {s.perStep.map((p) => (
          <View className='figure-row' key={p.key}>
            <Text>{p.label}</Text>
            <Text className='figure-row__value'>
              {p.done} 人{s.admitted > 0 ? ` · ${Math.round((p.done / s.admitted) * 100)}%` : ''}
            </Text>
          </View>
        ))}
        <View className='figure-row'>
          <Text>全部完成</Text>
          <Text className='figure-row__value'>{s.completed} 人</Text>
        </View>
        <View className='figure-row'>
          <Text>新人响应时间（中位数）</Text>
          <Text className='figure-row__value'>{minutes(s.medianGreetSeconds)}</Text>
        </View>
        <View className='figure-row'>
          <Text>入群审核用时（中位数）</Text>
          <Text className='figure-row__value'>{minutes(s.medianDecisionSeconds)}</Text>
        </View>
        {s.weeks.map((w) => (
          <View className='figure-row' key={w.week}>
            <Text>{w.week} 起一周</Text>
            <Text className='figure-row__value'>
              {w.completed}/{w.admitted} 完成
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
