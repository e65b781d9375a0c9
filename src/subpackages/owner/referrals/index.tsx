import { Button, Text, View } from '@tarojs/components';
import type { HeldReferralView } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { useReferralReview } from '../../../hooks/useReferral';
import { showDateTime } from '../../../services/time';
import { confirmFirst } from '../../../components/ConfirmButton';

const HOLD_LABEL = { velocity: '同一邀请人 1 小时内注册过多', network: '同一网络 1 小时内注册过多', risk: '微信安全风险等级高' } as const;

/** 邀请审核 (owner): referral rate, invites by state, rewards paid, and the held queue to approve or reject. */
export default function ReferralReviewPage() {
  const { overview, held, decide, busy, error } = useReferralReview();
  const reject = async (r: HeldReferralView) => {
    const ok = await confirmFirst({ title: '拒绝邀请奖励', content: `拒绝 ${r.inviterName} 邀请 ${r.inviteeName} 的奖励？拒绝后不再发放。`, confirmText: '拒绝' });
    if (ok) await decide(r.inviteeId, 'rejected');
  };
  const o = overview.data;
  return (
    <View className='page'>
      {error ? <ErrorNote error={error} /> : null}
      <View className='card'>
        <Text className='section-title'>转介绍概览</Text>
        {overview.error ? <ErrorNote error={overview.error} onRetry={() => void overview.reload()} /> : null}
        {o ? (
          <View>
            <View className='figure-row'>
              <Text>邀请人占比（有成功邀请的会员 ÷ 会员；转介绍率见数据看板）</Text>
              <Text className='figure-row__value' data-testid='referral-rate'>
                {(o.referralRate * 100).toFixed(1)}%
              </Text>
            </View>
            <View className='figure-row'>
              <Text>邀请：已注册 / 已激活 / 已付费</Text>
              <Text className='figure-row__value'>
                {o.byState.registered} / {o.byState.activated} / {o.byState.converted}
              </Text>
            </View>
            <View className='figure-row'>
              <Text>已发放邀请奖励</Text>
              <Text className='figure-row__value'>{o.rewardsPaid} 积分</Text>
            </View>
            <View className='figure-row'>
              <Text>待审核</Text>
              <Text className='figure-row__value'>{o.held}</Text>
            </View>
          </View>
        ) : null}
      </View>
      <View className='card'>
        <Text className='section-title'>待审核邀请</Text>
        {held.error ? <ErrorNote error={held.error} onRetry={() => void held.reload()} /> : null}
        {held.data && held.data.referrals.length === 0 ? <Text className='muted'>没有待审核的邀请。</Text> : null}
        {(held.data?.referrals ?? []).map((r) => (
          <View key={r.inviteeId} className='ledger__row' data-testid='held-row'>
            <View className='ledger__main'>
              <Text className='ledger__reason'>
                {r.inviterName} 邀请 {r.inviteeName}
              </Text>
              <Text className='ledger__note'>{r.hold ? HOLD_LABEL[r.hold] : ''}</Text>
              <Text className='ledger__meta'>{showDateTime(r.registeredAt)}</Text>
              <View className='row-actions'>
                <Button className='btn btn--small btn--primary' loading={busy === r.inviteeId} onClick={() => void decide(r.inviteeId, 'approved')}>
                  通过并发奖
                </Button>
                <Button className='btn btn--small btn--ghost' disabled={busy === r.inviteeId} onClick={() => void reject(r)}>
                  拒绝
                </Button>
              </View>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
