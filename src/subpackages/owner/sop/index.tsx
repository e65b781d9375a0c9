import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { Cadence, PostKind, RoutineMetric, RoutineView } from '../../../../types/content';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { textProblem } from '../../../core/formRules';
import { POST_KINDS, POST_KIND_LABEL } from '../../../core/posts';
import { WEEKDAY_LABEL, cadenceLabel, cadenceProblem } from '../../../core/sop';
import { useSopCalendar } from '../../../hooks/useSop';
import '../../../components/ui.css';
import '../../../components/content.css';
import { controlName } from '../../../components/a11y';

const METRIC_LABEL: Record<RoutineMetric, string> = { read_rate: '阅读率', replies: '回复数', attendance: '听课率', checkin_rate: '签到率', none: '不设指标' };
const CADENCE_LABEL = { daily: '每天', weekly: '每周', monthly: '每月', yearly: '每年' } as const;

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** 运营日历 (owners): every routine with its on-time rate over 30 days and its metric, each host's last 7 days (who is behind), and a form for a new routine. */
export default function SopCalendarPage() {
  const page = useSopCalendar();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Cadence['kind']>('daily');
  const [time, setTime] = useState('08:00');
  const [weekday, setWeekday] = useState(1);
  const [dayOfMonth, setDayOfMonth] = useState('1');
  const [month, setMonth] = useState('12');
  const [hostId, setHostId] = useState('');
  const [postKind, setPostKind] = useState<PostKind | null>(null);
  const [metric, setMetric] = useState<RoutineMetric>('read_rate');
  const [format, setFormat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const data = page.data;
  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const { report } = data;
  const onPause = async (routine: RoutineView) => {
    const answer = await Taro.showModal({ title: '停用例行工作', content: `停用后「${routine.title}」不再出现在待办里，也不计入完成率。`, confirmText: '停用' });
    if (!answer.confirm) return;
    const { hostName: _hostName, ...input } = routine;
    if (await page.save.submit({ ...input, active: false })) void Taro.showToast({ title: '已停用', icon: 'success' });
  };
  const cadence = (): Cadence => {
    if (kind === 'weekly') return { kind, weekday, time };
    if (kind === 'monthly') return { kind, day: Number(dayOfMonth), time };
    if (kind === 'yearly') return { kind, month: Number(month), day: Number(dayOfMonth), time };
    return { kind: 'daily', time };
  };
  const onSave = async () => {
    const c = cadence();
    const check = textProblem(title, '例行工作名称', 1, 30) ?? cadenceProblem(c) ?? (hostId ? null : '请选择负责人');
    if (check) return setProblem(check);
    setProblem(null);
    const saved = await page.save.submit({ title: title.trim(), cadence: c, hostId, postKind, format: format.trim(), metric, active: true });
    if (saved) {
      setTitle('');
      setFormat('');
      void Taro.showToast({ title: '已添加', icon: 'success' });
    }
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>按时完成率（{report.from} 至 {report.to}）</Text>
        <Text className='muted'>按时：截止后 1 小时内完成；发布对应类型的帖子即自动完成。</Text>
        {report.rows.length === 0 ? <Text className='muted'>还没有例行工作，在下面添加第一项。</Text> : null}
        {report.rows.map((r) => (
          <View className='todo-row' key={r.routine.id} data-testid='routine-row'>
            <View className='todo-row__main'>
              <Text className='todo-row__title'>{r.routine.title}</Text>
              <Text className='todo-row__meta'>
                {cadenceLabel(r.routine.cadence)} · {r.routine.hostName} · 按时 {r.onTime} / 迟到 {r.late} / 漏做 {r.missed}
              </Text>
              <Text className='todo-row__meta'>
                {r.metric.label}：{r.metric.value === null ? '暂无数据' : r.metric.unit === 'ratio' ? percent(r.metric.value) : r.metric.value.toFixed(1)}（{r.metric.definition}）
              </Text>
            </View>
            <View className='todo-row__main'>
              <Text className='stat__value'>{percent(r.onTimeRate)}</Text>
              <Text className='chip' aria-label={`停用：${r.routine.title}`} onClick={() => void onPause(r.routine)}>
                停用
              </Text>
            </View>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>近 7 天各负责人</Text>
        {report.hosts.length === 0 ? <Text className='muted'>还没有分配例行工作。</Text> : null}
        {report.behind.length === 0 && report.hosts.length > 0 ? <Text className='muted'>没有人落后。</Text> : null}
        {report.hosts.map((h, i) => (
          <View className='figure-row' key={`${h.hostName}-${i}`} data-testid='host-figures'>
            <Text className={h.missed > 0 ? 'is-late' : ''}>{h.hostName}</Text>
            <Text className='figure-row__value'>
              {h.occurrences === 0 ? `${h.routines} 项工作，近 7 天还没有到期` : `按时 ${h.onTime}/${h.occurrences}`}
              {h.late > 0 ? `，迟做 ${h.late} 次` : ''}
              {h.missed > 0 ? `，漏做 ${h.missed} 次` : ''}
              {h.overdueToday > 0 ? `，今天超时 ${h.overdueToday} 项` : ''}
            </Text>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>添加例行工作</Text>
        <View className='field'>
          <Text className='field__label'>名称</Text>
          <Input className='field__input' value={title} maxlength={30} placeholder='例如：发布早安、月度回访' {...controlName('例行工作名称')} onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <Text className='field__label'>频率</Text>
        <View className='chips'>
          {(Object.keys(CADENCE_LABEL) as Array<Cadence['kind']>).map((k) => (
            <Text key={k} className={k === kind ? 'chip is-active' : 'chip'} aria-label={`频率：${CADENCE_LABEL[k]}`} onClick={() => setKind(k)}>
              {CADENCE_LABEL[k]}
            </Text>
          ))}
        </View>
        {kind === 'weekly' ? (
          <View className='chips'>
            {[1, 2, 3, 4, 5, 6, 7].map((w) => (
              <Text key={w} className={w === weekday ? 'chip is-active' : 'chip'} aria-label={WEEKDAY_LABEL[w]} onClick={() => setWeekday(w)}>
                {WEEKDAY_LABEL[w]}
              </Text>
            ))}
          </View>
        ) : null}
        {kind === 'yearly' ? <Input className='field__input' value={month} placeholder='月份 1–12' {...controlName('月份')} onInput={(e) => setMonth(e.detail.value)} /> : null}
        {kind === 'monthly' || kind === 'yearly' ? <Input className='field__input' value={dayOfMonth} placeholder='日期 1–31' {...controlName('日期')} onInput={(e) => setDayOfMonth(e.detail.value)} /> : null}
        <Input className='field__input' value={time} placeholder='时间，如 08:00' {...controlName('时间')} onInput={(e) => setTime(e.detail.value)} />
        <Text className='field__label'>负责人</Text>
        <View className='chips'>
          {data.hosts.map((h) => (
            <Text key={h.id} className={h.id === hostId ? 'chip is-active' : 'chip'} aria-label={`负责人：${h.nickname}`} onClick={() => setHostId(h.id)}>
              {h.nickname}
            </Text>
          ))}
        </View>
        <Text className='field__label'>发帖即完成（可选）</Text>
        <View className='chips'>
          <Text className={postKind === null ? 'chip is-active' : 'chip'} aria-label='不关联帖子' onClick={() => setPostKind(null)}>
            不关联
          </Text>
          {POST_KINDS.map((k) => (
            <Text key={k} className={k === postKind ? 'chip is-active' : 'chip'} aria-label={`关联：${POST_KIND_LABEL[k]}`} onClick={() => setPostKind(k)}>
              {POST_KIND_LABEL[k]}
            </Text>
          ))}
        </View>
        <Text className='field__label'>衡量指标</Text>
        <View className='chips'>
          {(Object.keys(METRIC_LABEL) as RoutineMetric[]).map((m) => (
            <Text key={m} className={m === metric ? 'chip is-active' : 'chip'} aria-label={`指标：${METRIC_LABEL[m]}`} onClick={() => setMetric(m)}>
              {METRIC_LABEL[m]}
            </Text>
          ))}
        </View>
        <View className='field'>
          <Text className='field__label'>格式（模板或清单，可选）</Text>
          <Textarea className='field__input' value={format} maxlength={1000} placeholder='例如：早安 + 一句话新闻 + 今日课程' {...controlName('格式')} onInput={(e) => setFormat(e.detail.value)} />
        </View>
        {problem ? <Text className='error-note'>{problem}</Text> : null}
        {page.save.error ? <ErrorNote error={page.save.error} /> : null}
        <Button className='btn btn--primary' aria-label='添加例行工作' disabled={page.save.submitting} onClick={() => void onSave()}>
          添加
        </Button>
      </View>
    </View>
  );
}
