import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useGrab, usePacket } from '../../../hooks/useGames';
import { useLiveCardShare } from '../../../hooks/useGroups';
import { showDateTime, showMonthDayTime } from '../../../services/time';
import '../games.css';

/** 红包详情: open the packet, see who got how much and 手气最佳 once it is all taken or expired. */
export default function PacketPage() {
  const id = useRouter().params.id ?? '';
  const remote = usePacket(id);
  const grab = useGrab(remote.reload);
  // Shared into a group, the card is a live card (动态消息) showing "已抢 n/m" after each grab.
  useLiveCardShare(id, 'packet');
  useShareAppMessage(() => ({ title: remote.data ? `${remote.data.packet.senderName} 发了一个积分红包：${remote.data.packet.greeting}` : '积分红包', path: `/subpackages/games/packet/index?id=${id}` }));
  if (!remote.data) return <PageStatus error={remote.error} onRetry={() => void remote.reload()} />;
  const p = remote.data.packet;
  const onGrab = async () => {
    const done = await grab.submit(p.id);
    if (done) void Taro.showToast({ title: done.already ? `已抢过：${done.amount} 积分` : `抢到 ${done.amount} 积分`, icon: 'none' });
  };
  const summary =
    p.state === 'expired'
      ? `已过期，领取 ${p.claimedCount}/${p.count} 个，${p.refunded ?? 0} 积分已退回${p.source === 'budget' ? '预算' : '发送人'}`
      : `已领取 ${p.claimedCount}/${p.count} 个，共 ${p.claimedPoints}/${p.total} 积分`;
  return (
    <View className='page'>
      <View className='packet-head' data-testid='packet-head'>
        <Text>{p.senderName} 的{p.kind === 'lucky' ? '拼手气' : '普通'}红包</Text>
        <Text className='packet-head__greeting'>{p.greeting}</Text>
        {p.audience.kind === 'group' ? <Text data-testid='packet-audience'>仅「{p.audience.name}」群友可抢</Text> : null}
        {p.mine !== null ? (
          <Text className='packet-head__amount' data-testid='packet-mine'>
            {p.mine} 积分
          </Text>
        ) : p.canGrab ? (
          <Button className='btn btn--primary' loading={grab.submitting} disabled={grab.submitting} onClick={() => void onGrab()}>
            开
          </Button>
        ) : (
          <Text data-testid='packet-blocked'>{p.blockedBy}</Text>
        )}
        <Text>有效期至 {showDateTime(p.expiresAt)}</Text>
      </View>
      {grab.error ? <ErrorNote error={grab.error} /> : null}
      <View className='card'>
        <Text className='muted'>{summary}</Text>
        {p.grabs.map((g, i) => (
          <View key={i} className='packet-row' data-testid='packet-grab'>
            <View>
              <Text>{g.isMe ? `${g.name}（我）` : g.name}</Text>
              <Text className='muted'> {showMonthDayTime(g.at)}</Text>
            </View>
            <View>
              <Text>{g.amount} 积分</Text>
              {g.luckiest ? <Text className='packet-row__best'>手气最佳</Text> : null}
            </View>
          </View>
        ))}
        {p.grabs.length === 0 ? <Text className='muted'>还没有人领取。</Text> : null}
        {p.state === 'open' && p.kind === 'lucky' && p.grabs.length > 0 ? <Text className='muted'>全部领完或过期后揭晓手气最佳。</Text> : null}
      </View>
    </View>
  );
}
