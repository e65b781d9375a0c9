import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { BoardLine } from '../../../../types/groups';
import { EmptyState } from '../../../components/EmptyState';
import { MemberPicker } from '../../../components/MemberPicker';
import { PageStatus } from '../../../components/PageStatus';
import { PkCard } from '../../../components/PkCard';
import { GROUP_KIND_LABEL } from '../../../core/groups';
import { useGroupBoard, useGroupShareTicket } from '../../../hooks/useGroups';
import { useMember } from '../../../hooks/useMember';
import { hasRole } from '../../../core/roles';
import { showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';

function Leaders({ title, lines, unit, empty }: { title: string; lines: BoardLine[]; unit: string; empty: string }) {
  return (
    <View className='card'>
      <Text className='section-title'>{title}</Text>
      {lines.length === 0 ? <Text className='muted'>{empty}</Text> : null}
      {lines.map((l) => (
        <View key={`${l.rank}-${l.name}`} className='figure-row' data-testid='board-line'>
          <Text>
            {l.rank}. {l.name}
            {l.isMe ? '（我）' : ''}
          </Text>
          <Text className='figure-row__value'>
            {l.value} {unit}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** 群榜: "本群今日 n/m 已签到", the group's streak and weekly leaderboards and its PKs; opened from a group card it records the entry first. */
export default function GroupBoardPage() {
  const { params } = useRouter();
  const { board, pks, entered, myCode } = useGroupBoard(params.id ?? '', { by: params.from, day: params.d });
  const me = useMember();
  const isHost = me.data ? hasRole(me.data.role, 'host') : false;
  // Cards shared from here carry group context, so the next person who opens one lands on this board.
  useGroupShareTicket();
  const data = board.data;
  // The path names the sharer and the day: when a group mate opens it from the group, the sharer's check-in counts double (once a day).
  useShareAppMessage(() => ({
    title: data ? `${data.group.name}：今日 ${data.checkedInToday}/${data.seen} 已签到，一起来打卡` : '一起来群里打卡',
    path: `/subpackages/member/group/index?id=${encodeURIComponent(data?.group.id ?? params.id ?? '')}${myCode && data ? `&from=${myCode}&d=${data.day}` : ''}`,
  }));
  if (board.loading && !data) return <PageStatus error={board.error} onRetry={() => void board.reload()} />;
  if (!data) {
    return board.error ? (
      <PageStatus error={board.error} onRetry={() => void board.reload()} />
    ) : (
      <EmptyState title='没有识别到群' detail='请从微信群里的小程序卡片进入，或在「我的群」里选择一个群。' />
    );
  }
  const g = data.group;
  const mine = (pks.data?.pks ?? []).filter((pk) => pk.standings.some((s) => s.groupId === g.id));
  return (
    <View className='page'>
      {entered?.firstTime ? <Text className='ok-note'>已记录你在「{g.name}」</Text> : null}
      {entered?.shareBonus ? <Text className='ok-note'>你打开了群友分享的签到卡，TA 获得了双倍签到积分</Text> : null}
      <View className='card'>
        <Text className='section-title'>{g.name}</Text>
        <Text className='muted group-board__meta'>
          {g.kind ? GROUP_KIND_LABEL[g.kind] : '未认领的群'}
          {g.region ? ` · ${g.region}` : ''}
          {g.topic ? ` · ${g.topic}` : ''}
        </Text>
        <Text className='group-board__today' data-testid='board-today'>
          本群今日 {data.checkedInToday}/{data.seen} 已签到
        </Text>
        <Text className='muted group-board__meta'>人数是从群里卡片进入过小程序的成员。签到后把这页分享到群里，群友从群里打开，你当天的签到积分翻倍（每天一次）。</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn btn--primary' openType='share'>
            分享到群里
          </Button>
        ) : null}
      </View>
      <Leaders title='连续签到榜' lines={data.streakLeaders} unit='天' empty='今天还没有人连续签到，去首页签到拿第一吧。' />
      <Leaders title='本周签到积分榜' lines={data.weekLeaders} unit='积分' empty='本周还没有签到积分。' />
      <View className='card'>
        <Text className='section-title'>本周表扬</Text>
        {data.praised.length === 0 ? <Text className='muted'>本周群里还没有表扬。</Text> : null}
        {data.praised.map((p) => (
          <Text key={p.id} className='log-entry__line'>
            {showMonthDayTime(p.at)} {p.byName} 表扬 {p.memberName}：{p.text}
            {p.points > 0 ? `（+${p.points} 积分）` : ''}
          </Text>
        ))}
        {isHost ? (
          <MemberPicker
            label='表扬群成员'
            onPick={(m) => void Taro.navigateTo({ url: `/subpackages/games/praise/index?memberId=${encodeURIComponent(m.id)}&name=${encodeURIComponent(m.nickname)}&groupId=${encodeURIComponent(g.id)}&group=${encodeURIComponent(g.name)}` })}
          />
        ) : null}
      </View>
      <View className='card'>
        <Text className='section-title'>群红包</Text>
        {data.packets.length === 0 ? <Text className='muted'>还没有发给本群的红包。</Text> : null}
        {data.packets.map((p) => (
          <Text key={p.id} className='link log-entry__line' data-testid='group-packet' onClick={() => void Taro.navigateTo({ url: `/subpackages/games/packet/index?id=${p.id}` })}>
            {p.senderName} 的{p.kind === 'lucky' ? '拼手气' : '普通'}红包 · {p.greeting} · 已抢 {p.claimedCount}/{p.count}
            {p.state === 'open' ? ` · ${showMonthDayTime(p.expiresAt)} 截止` : p.state === 'finished' ? ' · 已抢完' : ' · 已过期'}
          </Text>
        ))}
        <Text className='link' onClick={() => void Taro.navigateTo({ url: `/subpackages/games/packets/index?groupId=${encodeURIComponent(g.id)}` })}>
          给本群发红包 ›
        </Text>
      </View>
      {mine.map((pk) => (
        <PkCard key={pk.id} pk={pk} highlight={g.id} />
      ))}
    </View>
  );
}
