import { Text, View } from '@tarojs/components';
import type { PkView } from '../../types/groups';
import './ui.css';

const pct = (permille: number) => `${(permille / 10).toFixed(1)}%`;

/** One PK between groups: standings by check-in rate, live or settled, with the prize rule in words. */
export function PkCard({ pk, highlight }: { pk: PkView; highlight?: string }) {
  return (
    <View className='card' data-testid='pk-card'>
      <Text className='section-title'>
        {pk.title} {pk.state === 'settled' ? '（已结束）' : '（进行中）'}
      </Text>
      <Text className='muted'>
        {pk.startDay} 至 {pk.endDay} · 比{pk.metric === 'newMembers' ? '新激活成员' : '签到率'} · 获胜群每人 {pk.prize} 积分（并列平分）
      </Text>
      {pk.standings.map((s) => (
        <View key={s.groupId} className='figure-row'>
          <Text>
            {s.rank}. {s.name}
            {s.groupId === highlight ? '（本群）' : ''}
            {pk.winners.includes(s.groupId) ? ' 🏆' : ''}
          </Text>
          <Text className='figure-row__value'>{pk.metric === 'newMembers' ? `新成员 ${s.newMembers} 人` : `${pct(s.ratePermille)} · ${s.checkins} 次签到 / ${s.eligible} 人`}</Text>
        </View>
      ))}
      {pk.live ? (
        <Text className='muted'>
          {pk.metric === 'newMembers' ? '实时排名计入所有新进群的成员；结算时只算 PK 期间签到过的新成员。' : '实时排名计入群里所有人的签到；结算时只算 PK 开始前已在群里的成员。'}
        </Text>
      ) : null}
    </View>
  );
}
