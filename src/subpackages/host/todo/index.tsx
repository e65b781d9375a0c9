import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { PostRow } from '../../../components/PostRow';
import { cadenceLabel } from '../../../core/sop';
import { useDrafts } from '../../../hooks/usePosts';
import { useToday } from '../../../hooks/useSop';
import { showClock, showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';
import '../../../components/content.css';

/** How long the oldest item has waited, in words. */
function waited(oldestAt: string): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(oldestAt)) / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} 小时`;
  return `${Math.round(minutes / 1440)} 天`;
}

/** 今日待办 (hosts): the routines assigned to me due today (done by a post automatically, or by hand), for owners the team's, the shared queues, drafts and scheduled posts. */
export default function TodoPage() {
  const today = useToday();
  const drafts = useDrafts();
  useDidShow(() => {
    void today.reload();
    void drafts.reload();
  });
  usePullDownRefresh(() => {
    void Promise.all([today.reload(), drafts.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  const data = today.data;
  if (!data) return <PageStatus error={today.error} onRetry={() => void today.reload()} />;
  const onDone = async (routineId: string, title: string) => {
    const answer = await Taro.showModal({ title: '标记完成', content: `确认「${title}」今天已完成？`, confirmText: '完成', editable: true, placeholderText: '做了什么（可选），如：直播课已开播' } as Taro.showModal.Option);
    if (!answer.confirm) return;
    const ref = (answer as { content?: string }).content?.trim() || null;
    if (await today.done.submit(routineId, ref)) void Taro.showToast({ title: '已完成', icon: 'success' });
  };
  const waiting = data.queues.filter((q) => q.count > 0);
  const team = data.team;
  return (
    <View className='page'>
      {today.done.error ? <ErrorNote error={today.done.error} /> : null}
      <View className='card'>
        <Text className='section-title'>今天要做（{data.day}）</Text>
        {data.due.length === 0 ? <Text className='muted'>今天没有分配给你的例行工作。</Text> : null}
        {data.due.map((d) => (
          <View className='todo-row' key={d.routine.id} data-testid='due-routine'>
            <View className='todo-row__main'>
              <Text className='todo-row__title'>
                {d.done ? '✓ ' : ''}
                {d.routine.title}
              </Text>
              <Text className={d.overdue ? 'todo-row__meta is-late' : 'todo-row__meta'}>
                {cadenceLabel(d.routine.cadence)} · {showClock(d.dueAt)} 截止
                {d.done ? ` · ${d.done.auto ? '已发帖自动完成' : `${d.done.byName} ${showClock(d.done.at)} 完成`}` : d.overdue ? ' · 已超时' : ''}
              </Text>
              {d.routine.format ? <Text className='todo-row__meta'>格式：{d.routine.format}</Text> : null}
            </View>
            {d.done ? null : d.routine.postKind ? (
              <Button className='btn btn--small btn--primary' aria-label={`去发帖：${d.routine.title}`} onClick={() => void Taro.navigateTo({ url: `/subpackages/host/post-edit/index?kind=${d.routine.postKind ?? ''}` })}>
                去发帖
              </Button>
            ) : (
              <Button className='btn btn--small btn--primary' aria-label={`完成：${d.routine.title}`} disabled={today.done.submitting} onClick={() => void onDone(d.routine.id, d.routine.title)}>
                完成
              </Button>
            )}
          </View>
        ))}
      </View>
      {team.length > 0 ? (
        <View className='card'>
          <Text className='section-title'>团队今天的例行工作</Text>
          <Text className='muted'>这些工作在负责人自己的待办里；你可以提醒对方，或代为完成。</Text>
          {team.map((d) => (
            <View className='todo-row' key={d.routine.id} data-testid='team-routine'>
              <View className='todo-row__main'>
                <Text className='todo-row__title'>
                  {d.done ? '✓ ' : ''}
                  {d.routine.title} · {d.routine.hostName}
                </Text>
                <Text className={d.overdue ? 'todo-row__meta is-late' : 'todo-row__meta'}>
                  {showClock(d.dueAt)} 截止
                  {d.done ? ` · ${d.done.auto ? '已发帖自动完成' : `${d.done.byName} ${showClock(d.done.at)} 完成`}` : d.overdue ? ' · 已超时' : ' · 未完成'}
                </Text>
              </View>
              {d.done || d.routine.postKind ? null : (
                <Button className='btn btn--small btn--ghost' aria-label={`代为完成：${d.routine.title}`} disabled={today.done.submitting} onClick={() => void onDone(d.routine.id, d.routine.title)}>
                  代为完成
                </Button>
              )}
            </View>
          ))}
        </View>
      ) : null}
      <View className='card'>
        <Text className='section-title'>等你处理</Text>
        {waiting.length === 0 ? <Text className='muted'>所有队列都已清空，干得漂亮。</Text> : null}
        {data.queues.map((q) => (
          <View className='todo-row' key={q.key} aria-label={`${q.label} ${q.count} 项`} onClick={() => void Taro.navigateTo({ url: q.path })} data-testid='queue'>
            <View className='todo-row__main'>
              <Text className='todo-row__title'>{q.label}</Text>
              <Text className='todo-row__meta'>{q.oldestAt ? `最早一项已等 ${waited(q.oldestAt)}（${showMonthDayTime(q.oldestAt)}）` : '暂无'}</Text>
            </View>
            <Text className='stat__value'>{q.count}</Text>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>草稿与定时</Text>
        {drafts.error ? <ErrorNote error={drafts.error} onRetry={() => void drafts.reload()} /> : null}
        {(drafts.data ?? []).length === 0 ? <Text className='muted'>没有草稿。</Text> : null}
        {(drafts.data ?? []).map((p) => (
          <PostRow key={p.id} post={p} />
        ))}
        <Button className='btn btn--primary' aria-label='写帖子' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/post-edit/index' })}>
          写帖子
        </Button>
      </View>
    </View>
  );
}
