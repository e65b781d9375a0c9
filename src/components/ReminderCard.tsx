import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ReminderTopic, ReminderView } from '../../types/content';
import { useReminders } from '../hooks/usePosts';
import { ErrorNote } from './ErrorNote';
import './ui.css';
import './content.css';

/** Topics offered on 首页. */
const SHOWN: ReminderTopic[] = ['checkin', 'morning', 'topic'];

function statusText(r: ReminderView): string {
  if (r.askAgain) return '上次提醒已用掉最后一次，点「继续提醒」才能收到下一条';
  return r.remaining === 0 ? '没有剩余提醒' : `还剩 ${r.remaining} 次提醒`;
}

function buttonText(r: ReminderView): string {
  if (r.askAgain) return '继续提醒';
  return r.remaining === 0 ? '订阅' : '再加一次';
}

/**
 * 提醒: how many one-time reminders the member has left per topic (WeChat allows one message per
 * accepted subscription), and a button to accept one more; a topic whose last reminder was just
 * used is listed first and asks to continue. The tap itself opens WeChat's subscribe window.
 */
export function ReminderCard({ sessionKey }: { sessionKey: string }) {
  const remote = useReminders(sessionKey);
  const subscribe = remote.subscribe;
  const rows = (remote.data ?? []).filter((r) => SHOWN.includes(r.topic)).sort((a, b) => Number(b.askAgain) - Number(a.askAgain));
  if (rows.length === 0) return null;
  const onSubscribe = async (topic: ReminderTopic, label: string) => {
    if (await subscribe.submit(topic)) void Taro.showToast({ title: `已订阅${label}`, icon: 'success' });
  };
  return (
    <View className='card'>
      <Text className='section-title'>消息提醒</Text>
      <Text className='muted'>微信每次订阅只能发一条提醒，用完后再点一次即可；早安晨报和每日话题共用内容提醒的次数。</Text>
      {subscribe.error ? <ErrorNote error={subscribe.error} /> : null}
      {rows.map((r) => (
        <View className='todo-row' key={r.topic} data-testid='reminder-row'>
          <View className='todo-row__main'>
            <Text className='todo-row__title'>{r.label}</Text>
            <Text className={r.remaining === 0 ? 'todo-row__meta is-late' : 'todo-row__meta'}>{statusText(r)}</Text>
          </View>
          <Button className={r.askAgain ? 'btn btn--small btn--primary' : 'btn btn--small btn--ghost'} aria-label={r.askAgain ? `继续接收${r.label}` : `订阅${r.label}`} disabled={subscribe.submitting} onClick={() => void onSubscribe(r.topic, r.label)}>
            {buttonText(r)}
          </Button>
        </View>
      ))}
    </View>
  );
}

/**
 * On a post the member was reminded of: when that reminder used their last one, offer to keep
 * receiving this kind (the right moment to ask again — the tap opens WeChat's subscribe window).
 */
export function ReminderPrompt({ topic }: { topic: ReminderTopic }) {
  const remote = useReminders(`prompt:${topic}`);
  const row = (remote.data ?? []).find((r) => r.topic === topic);
  if (!row?.askAgain) return null;
  const onSubscribe = async () => {
    if (await remote.subscribe.submit(topic)) void Taro.showToast({ title: `已订阅${row.label}`, icon: 'success' });
  };
  return (
    <View className='card' data-testid='reminder-prompt'>
      <Text className='muted'>你的{row.label}已用完，想继续收到新帖提醒吗？</Text>
      {remote.subscribe.error ? <ErrorNote error={remote.subscribe.error} /> : null}
      <Button className='btn btn--primary' aria-label={`继续接收${row.label}`} disabled={remote.subscribe.submitting} onClick={() => void onSubscribe()}>
        继续提醒
      </Button>
    </View>
  );
}
