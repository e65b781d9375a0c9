import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { PacketAudienceInput, PacketKindView } from '../../../../types/games';
import { PACKET_MAX_COUNT, PACKET_MAX_TOTAL, packetProblem } from '../../../core/games';
import { firstProblem, intProblem, textProblem } from '../../../core/formRules';
import { tierName } from '../../../core/tiers';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { usePacketGroups, usePackets, useSendPacket } from '../../../hooks/useGames';
import { showMonthDayTime } from '../../../services/time';
import '../games.css';
import { controlName } from '../../../components/a11y';

const STATE_LABEL = { open: '进行中', finished: '已抢完', expired: '已过期' } as const;
const AUDIENCES: PacketAudienceInput[] = [{ kind: 'all' }, { kind: 'tier', tier: 'silver' }, { kind: 'tier', tier: 'gold' }, { kind: 'tier', tier: 'diamond' }];
const sameAudience = (a: PacketAudienceInput, b: PacketAudienceInput) => JSON.stringify(a) === JSON.stringify(b);

/** 积分红包: send a packet (members from their points, hosts and owners from the month's budget) and see recent ones. */
export default function PacketsPage() {
  const list = usePackets();
  const send = useSendPacket(list.reload);
  const [kind, setKind] = useState<PacketKindView>('lucky');
  const [total, setTotal] = useState('');
  const [count, setCount] = useState('');
  const [greeting, setGreeting] = useState('');
  const [hours, setHours] = useState('24');
  const preset = useRouter().params.groupId;
  const [audience, setAudience] = useState<PacketAudienceInput>(preset ? { kind: 'group', groupId: decodeURIComponent(preset) } : { kind: 'all' });
  const groups = usePacketGroups();
  const audienceLabel = (a: PacketAudienceInput) => (a.kind === 'all' ? '所有人' : a.kind === 'tier' ? `${tierName(a.tier)}及以上` : `仅「${groups.find((g) => g.id === a.groupId)?.name ?? '所选群'}」群友`);
  const choices: PacketAudienceInput[] = [...AUDIENCES, ...groups.map((g) => ({ kind: 'group' as const, groupId: g.id }))];
  const [problem, setProblem] = useState<string | null>(null);
  if (!list.data) return <PageStatus error={list.error} onRetry={() => void list.reload()} />;
  const { packets, budget } = list.data;

  const onSend = async () => {
    const found =
      firstProblem({
        total: intProblem(total, '红包总积分', 1, PACKET_MAX_TOTAL),
        count: intProblem(count, '红包个数', 1, PACKET_MAX_COUNT),
        greeting: textProblem(greeting, '祝福语', 0, 30),
        hours: intProblem(hours, '有效时长（小时）', 1, 72),
      }) ?? packetProblem(Number(total), Number(count), kind);
    setProblem(found);
    if (found) return;
    const { confirm } = await Taro.showModal({ title: '发红包', content: `${budget ? '从本月红包预算' : '从你的积分'}发出 ${total} 积分，共 ${count} 个？` });
    if (!confirm) return;
    const done = await send.submit({ total: Number(total), count: Number(count), kind, greeting: greeting.trim(), audience, expiresInHours: Number(hours) });
    if (done) {
      void Taro.showToast({ title: '红包已发出', icon: 'success' });
      void Taro.navigateTo({ url: `/subpackages/games/packet/index?id=${done.packet.id}` });
    }
  };

  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>发红包</Text>
        <Text className='muted'>{budget ? `本月红包预算还剩 ${budget.left} / ${budget.monthly} 积分` : '红包从你的积分中扣除，过期未领完的积分会退回给你'}</Text>
        <View className='chip-row'>
          <Text className={`chip ${kind === 'lucky' ? 'is-active' : ''}`} onClick={() => setKind('lucky')}>
            拼手气红包
          </Text>
          <Text className={`chip ${kind === 'equal' ? 'is-active' : ''}`} onClick={() => setKind('equal')}>
            普通红包
          </Text>
        </View>
        <View className='field'>
          <Text className='field__label'>总积分</Text>
          <Input {...controlName('总积分')} className='field__input' type='number' value={total} placeholder='例如 200' onInput={(e) => setTotal(e.detail.value)} data-testid='packet-total' />
        </View>
        <View className='field'>
          <Text className='field__label'>红包个数</Text>
          <Input {...controlName('红包个数')} className='field__input' type='number' value={count} placeholder={`1–${PACKET_MAX_COUNT}`} onInput={(e) => setCount(e.detail.value)} data-testid='packet-count' />
        </View>
        <View className='field'>
          <Text className='field__label'>祝福语</Text>
          <Input {...controlName('祝福语')} className='field__input' value={greeting} placeholder='恭喜发财，大吉大利' onInput={(e) => setGreeting(e.detail.value)} data-testid='packet-greeting' />
        </View>
        <View className='chip-row'>
          {choices.map((a) => (
            <Text key={JSON.stringify(a)} className={`chip ${sameAudience(a, audience) ? 'is-active' : ''}`} onClick={() => setAudience(a)}>
              {audienceLabel(a)}
            </Text>
          ))}
        </View>
        <View className='field'>
          <Text className='field__label'>有效时长（小时）</Text>
          <Input {...controlName('有效时长（小时）')} className='field__input' type='number' value={hours} onInput={(e) => setHours(e.detail.value)} data-testid='packet-hours' />
        </View>
        {problem ? <Text className='field__error'>{problem}</Text> : null}
        {send.error ? <ErrorNote error={send.error} /> : null}
        <Button className='btn btn--primary' loading={send.submitting} disabled={send.submitting} onClick={() => void onSend()}>
          塞进红包
        </Button>
      </View>
      <View className='card'>
        <Text className='section-title'>最近的红包</Text>
        {packets.length === 0 ? <EmptyState title='还没有红包' detail='群主、讲师或任何成员发出红包后，会出现在这里。' /> : null}
        {packets.map((p) => (
          <View key={p.id} className='packet-row' data-testid='packet-row' onClick={() => void Taro.navigateTo({ url: `/subpackages/games/packet/index?id=${p.id}` })}>
            <View className='packet-row__main'>
              <Text>{p.senderName} 的{p.kind === 'lucky' ? '拼手气' : '普通'}红包 · {p.greeting}</Text>
              <Text className='muted'>
                {' '}
                {showMonthDayTime(p.createdAt)} · {p.claimedCount}/{p.count} 个 · {STATE_LABEL[p.state]}
              </Text>
            </View>
            <Text className='muted'>{p.mine !== null ? `抢到 ${p.mine}` : p.canGrab ? '去抢 ›' : '查看 ›'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
