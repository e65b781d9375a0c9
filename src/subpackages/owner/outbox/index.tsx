import { Button, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { useOutbox } from '../../../hooks/useLessons';
import { showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';
import '../../../components/lesson.css';

const OUTBOX_KIND_LABEL = { reminder: '提醒', time_change: '改期通知', vip_renewal: '续费提醒', reactivation: '召回提醒', support_overdue: '客服超时', content: '内容提醒' } as const;
const STATE_LABEL = { queued: '发送中', sent: '已发送', failed: '发送失败', no_quota: '无订阅额度，未发送' } as const;

/** 提醒发件箱 (owners): every subscription message (lessons, renewals, nudges, content reminders) with the template values it carries; in local mode this is where they are delivered. */
export default function OutboxPage() {
  const outbox = useOutbox();
  useReachBottom(() => {
    if (outbox.hasMore && !outbox.loading) void outbox.more();
  });
  const messages = outbox.items;
  return (
    <View className='page'>
      {outbox.error ? <ErrorNote error={outbox.error} onRetry={() => void outbox.refresh()} /> : null}
      {!outbox.loading && !outbox.error && messages.length === 0 ? <EmptyState title='还没有发出提醒' detail='会员点「提醒我」后，开课前 15 分钟的提醒会出现在这里。' /> : null}
      {messages.length > 0 ? (
        <View className='card'>
          {messages.map((m) => (
            <View className='question' key={m.id} data-testid='outbox-message'>
              <View className='question__main'>
                <Text className='question__text'>{m.body}</Text>
                {m.fields.length > 0 ? <Text className='question__meta'>消息内容：{m.fields.join(' / ')}</Text> : null}
                <Text className='question__meta'>
                  {OUTBOX_KIND_LABEL[m.kind]} · {m.nickname} · {showMonthDayTime(m.createdAt)} · {m.channel === 'outbox' ? '本地发件箱' : '微信订阅消息'}
                </Text>
              </View>
              <Text className='muted'>{STATE_LABEL[m.state]}</Text>
            </View>
          ))}
          {outbox.hasMore ? (
            <Button className='btn btn--ghost' disabled={outbox.loading} onClick={() => void outbox.more()}>
              加载更多
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
