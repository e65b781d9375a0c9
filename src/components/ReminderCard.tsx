import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ReminderTopic } from '../../types/content';
import { useReminders } from '../hooks/usePosts';
import { ErrorNote } from './ErrorNote';
import './ui.css';
import './content.css';

/** Topics offered on 首页. */
const SHOWN: ReminderTopic[] = ['checkin', 'morning', 'topic'];

/**
 * 提醒: how many one-time reminders the member has left per topic (WeChat allows one message per
 * accepted subscription), and a button to accept one more — shown right after the member acts.
 */
export function ReminderCard({ sessionKey }: { sessionKey: string }) {
  const remote = useReminders(sessionKey);
  const subscribe = remote.subscribe;
  const rows = (remote.data ?? []).filter((r) => SHOWN.includes(r.topic));
  if (rows.length === 0) return null;
  const onSubscribe = async (topic: ReminderTopic, label: string) => {
    if (await subscribe.submit(topic)) void Taro.showToast({ title: `已订阅${label}`, icon: 'success' });
  };
  return (
    <View className='card'>
      <Text className='section-title'>消息提醒</Text>
      <Text className='muted'>微信每次订阅只能发一条提醒，用完后再点一次即可。</Text>
      {subscribe.error ? <ErrorNote error={subscribe.error} /> : null}
      {rows.map((r) => (
        <View className='todo-row' key={r.topic}>
          <View className='todo-row__main'>
            <Text className='todo-row__title'>{r.label}</Text>
            <Text className={r.remaining === 0 ? 'todo-row__meta is-late' : 'todo-row__meta'}>{r.remaining === 0 ? '没有剩余提醒' : `还剩 ${r.remaining} 次提醒`}</Text>
          </View>
          <Button className='btn btn--small btn--ghost' aria-label={`订阅${r.label}`} disabled={subscribe.submitting} onClick={() => void onSubscribe(r.topic, r.label)}>
            {r.remaining === 0 ? '订阅' : '再加一次'}
          </Button>
        </View>
      ))}
    </View>
  );
}
