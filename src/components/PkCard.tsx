import { Text, View } from '@tarojs/components';
import type { PkMetric, PkStanding, PkView } from '../../types/groups';
import './ui.css';

const pct = (permille: number) => `${(permille / 10).toFixed(1)}%`;
const PK_METRIC_LABEL: Record<PkMetric, string> = { checkinRate: '签到率', newMembers: '新激活成员', lessonRate: '听课率' };
const LIVE_NOTE: Record<PkMetric, string> = {
  checkinRate: '实时排名计入群里所有人的签到；结算时只算 PK 开始前已在群里的成员。',
  newMembers: '实时排名计入所有新进群的成员；结算时只算 PK 期间签到过的新成员。',
  lessonRate: '实时排名计入群里所有人的听课签到；结算时只算 PK 开始前已在群里的成员，按 PK 期间已开讲的课计算。',
};

function standingFigure(metric: PkMetric, s: PkStanding): string {
  if (metric === 'newMembers') return `新成员 ${s.newMembers} 人`;
  if (metric === 'lessonRate') return `${pct(s.ratePermille)} · ${s.attended ?? 0} 人次听课 / ${s.eligible} 人 × ${s.lessons ?? 0} 节`;
  return `${pct(s.ratePermille)} · ${s.checkins} 次签到 / ${s.eligible} 人`;
}

/** One PK between groups: standings by its metric (check-in rate, new members or lesson attendance rate), live or settled, with the prize rule in words. */
export function PkCard({ pk, highlight }: { pk: PkView; highlight?: string }) {
  return (
    <View className='card' data-testid='pk-card'>
      <Text className='section-title'>
        {pk.title} {pk.state === 'settled' ? '（已结束）' : '（进行中）'}
      </Text>
      <Text className='muted'>
        {pk.startDay} 至 {pk.endDay} · 比{PK_METRIC_LABEL[pk.metric]} · 获胜群每人 {pk.prize} 积分（并列平分）
      </Text>
      {pk.standings.map((s) => (
        <View key={s.groupId} className='figure-row'>
          <Text>
            {s.rank}. {s.name}
            {s.groupId === highlight ? '（本群）' : ''}
            {pk.winners.includes(s.groupId) ? ' 🏆' : ''}
          </Text>
          <Text className='figure-row__value'>{standingFigure(pk.metric, s)}</Text>
        </View>
      ))}
      {pk.live ? (
        <Text className='muted'>
          {LIVE_NOTE[pk.metric]}
        </Text>
      ) : null}
    </View>
  );
}
