import { useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { CHANNEL_LABEL } from '../../../core/labels';
import { ErrorNote } from '../../../components/ErrorNote';
import { MemberPicker } from '../../../components/MemberPicker';
import { useInactiveList } from '../../../hooks/useFunnel';
import { useCleanupMark, useInactiveReminder } from '../../../hooks/useMemberDetail';

const openMember = (memberId: string) => void Taro.navigateTo({ url: `/subpackages/host/member/index?memberId=${memberId}` });

/** 活跃度警示: every quiet member (staff excluded), page by page; per person open, remind (when they have quota) or mark for cleanup. */
export function InactiveList({ exportLink }: { exportLink: ReactNode }) {
  const list = useInactiveList();
  const reminder = useInactiveReminder();
  const cleanup = useCleanupMark();
  const [reminded, setReminded] = useState<Record<string, string>>({});
  const remind = async (memberId: string) => {
    const done = await reminder.remind(memberId);
    if (done) setReminded((r) => ({ ...r, [memberId]: done.outcome === 'sent' ? '已提醒' : done.outcome === 'no_quota' ? '无订阅额度' : '今天已提醒' }));
  };
  const toggleCleanup = async (memberId: string, needs: boolean) => {
    if (await cleanup.submit(memberId, needs)) list.setItems((items) => items.map((m) => (m.id === memberId ? { ...m, needsCleanup: needs } : m)));
  };
  return (
    <View className='card' data-testid='inactive'>
      <View className='figure-row'>
        <Text className='section-title'>活跃度警示</Text>
        {exportLink}
      </View>
      {list.summary ? (
        <Text className='muted' data-testid='inactive-summary'>
          连续 {list.summary.inactiveAfterDays} 天以上没有签到、听课或兑换的会员（不含讲师和群主）：共 {list.summary.total} 人，已显示 {list.items.length} 人，其中 {list.reachable} 人有订阅额度、可以提醒。
        </Text>
      ) : null}
      <MemberPicker label='查找成员' onPick={(m) => openMember(m.id)} />
      {list.error ? <ErrorNote error={list.error} onRetry={() => void list.refresh()} /> : null}
      {reminder.error ? <ErrorNote error={reminder.error} /> : null}
      {cleanup.error ? <ErrorNote error={cleanup.error} /> : null}
      {list.items.map((m) => (
        <View key={m.id} className='member-list__row' data-testid='inactive-row'>
          <View className='member-list__main'>
            <Button className='member-picker__row' onClick={() => openMember(m.id)}>
              {m.nickname} · {m.quietDays} 天未活跃{m.needsCleanup ? ' · 待清理' : ''}
            </Button>
            <Text className='member-list__meta'>
              {CHANNEL_LABEL[m.channel]} · {m.joinDay} 加入 · {m.lastActiveDay ? `最近活跃 ${m.lastActiveDay}` : '从未活跃'}
            </Text>
            <View className='member-detail__actions'>
              {reminded[m.id] ? (
                <Text className='muted'>{reminded[m.id]}</Text>
              ) : m.reachable ? (
                <Button className='btn btn--small btn--ghost' disabled={reminder.submitting} onClick={() => void remind(m.id)}>
                  提醒 {m.nickname}
                </Button>
              ) : (
                <Text className='muted'>没有订阅额度，无法提醒</Text>
              )}
              <Button className='btn btn--small btn--ghost' disabled={cleanup.submitting} onClick={() => void toggleCleanup(m.id, !m.needsCleanup)}>
                {m.needsCleanup ? `取消待清理 ${m.nickname}` : `标记待清理 ${m.nickname}`}
              </Button>
            </View>
          </View>
        </View>
      ))}
      {list.hasMore ? (
        <Button className='btn btn--ghost' loading={list.loading} onClick={() => void list.more()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
