import Taro, { useShareAppMessage } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { REFERRAL_STATE_LABEL } from '../../../core/referral';
import { ErrorNote } from '../../../components/ErrorNote';
import { useInvites } from '../../../hooks/useReferral';
import { showDay } from '../../../services/time';

/** 邀请好友: share card, poster code, copyable code, each invitee's state and reward, and this month's leaderboard. */
export default function InvitePage() {
  const { mine, board, poster } = useInvites();
  const data = mine.data;
  const sharePath = data?.sharePath ?? '/pages/index/index';
  useShareAppMessage(() => ({ title: '我在群运社群每天签到学习，邀你一起来', path: sharePath }));

  const link = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' ? `${window.location.origin}${sharePath}` : sharePath;
  const copy = (text: string, title: string) => void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title, icon: 'success' }));

  return (
    <View className='page'>
      {mine.error ? <ErrorNote error={mine.error} onRetry={() => void mine.reload()} /> : null}
      <View className='card'>
        <Text className='section-title'>我的邀请码</Text>
        <Text className='stat__value' data-testid='invite-code'>
          {data?.code ?? '—'}
        </Text>
        <Text className='muted'>好友首次签到你得 50 积分，好友成为付费会员再得 200 积分；邀请满 5 人、20 人另有奖励。</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn btn--primary' openType='share'>
            分享给好友
          </Button>
        ) : (
          <Button className='btn btn--primary' onClick={() => copy(link, '邀请链接已复制')}>
            复制邀请链接
          </Button>
        )}
        <Button className='btn btn--ghost' disabled={!data} onClick={() => data && copy(data.code, '邀请码已复制')}>
          复制邀请码
        </Button>
        {process.env.TARO_ENV === 'h5' ? (
          <Text className='muted' data-testid='invite-link'>
            {link}
          </Text>
        ) : null}
        {poster.data?.image ? <Image className='poster' src={poster.data.image} mode='widthFix' showMenuByLongpress /> : null}
        {poster.data?.image ? <Text className='muted'>长按保存或识别，扫码即可加入</Text> : null}
      </View>
      <View className='card'>
        <Text className='section-title'>
          我邀请的好友 {data ? `（${data.totals.invited} 人 · 激活 ${data.totals.activated} · 已得 ${data.totals.points} 积分）` : ''}
        </Text>
        {data && data.invitees.length === 0 ? <Text className='muted'>还没有好友通过你的邀请加入。</Text> : null}
        {(data?.invitees ?? []).map((i) => (
          <View key={`${i.name}-${i.registeredAt}`} className='ledger__row' data-testid='invitee-row'>
            <View className='ledger__main'>
              <Text className='ledger__reason'>
                {i.name} · {REFERRAL_STATE_LABEL[i.state]}
              </Text>
              <Text className='ledger__meta'>{showDay(i.registeredAt)} 加入</Text>
              <Text className='ledger__note'>激活奖励：{i.activation.reason}</Text>
              {i.state === 'converted' ? <Text className='ledger__note'>付费奖励：{i.conversion.reason}</Text> : null}
            </View>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>本月邀请榜 {board.data?.month ?? ''}</Text>
        {(board.data?.leaders ?? []).map((l) => (
          <View key={l.rank} className='figure-row'>
            <Text>
              {l.rank}. {l.name}
              {l.isMe ? '（我）' : ''}
            </Text>
            <Text className='figure-row__value'>激活 {l.activated} 人</Text>
          </View>
        ))}
        {board.data && board.data.leaders.length === 0 ? <Text className='muted'>本月还没有成功邀请，来做第一名吧。</Text> : null}
      </View>
    </View>
  );
}
