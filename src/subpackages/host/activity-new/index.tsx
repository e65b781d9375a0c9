import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ActivityInput, ActivityKind } from '../../../../types/activities';
import { ErrorNote } from '../../../components/ErrorNote';
import { ACTIVITY_KIND_LABEL, ACTIVITY_LIMITS, activityTimesProblem } from '../../../core/activities';
import { useCreateActivity } from '../../../hooks/useActivities';
import { instantInCommunity } from '../../../services/time';
import '../../../components/ui.css';
import { controlName, tapRole } from '../../../components/a11y';

const KINDS: ActivityKind[] = ['salon', 'branch', 'challenge'];

interface Form {
  title: string;
  kind: ActivityKind;
  mode: 'online' | 'offline';
  startDay: string;
  startTime: string;
  endDay: string;
  endTime: string;
  deadlineDay: string;
  deadlineTime: string;
  place: string;
  capacity: string;
  description: string;
}

const EMPTY: Form = { title: '', kind: 'salon', mode: 'offline', startDay: '', startTime: '14:00', endDay: '', endTime: '17:00', deadlineDay: '', deadlineTime: '22:00', place: '', capacity: '30', description: '' };

/** The activity a form describes, or the first problem with it (in Chinese). */
function toActivity(f: Form): ActivityInput | string {
  if (!f.title.trim()) return '请填写活动名称';
  if (!f.place.trim()) return f.mode === 'online' ? '请填写线上链接或群名' : '请填写活动地点';
  const startsAt = instantInCommunity(f.startDay.trim(), f.startTime.trim());
  const endsAt = instantInCommunity((f.endDay.trim() || f.startDay).trim(), f.endTime.trim());
  const signupDeadline = instantInCommunity(f.deadlineDay.trim(), f.deadlineTime.trim());
  if (!startsAt || !endsAt || !signupDeadline) return '日期写成 2026-12-01，时间写成 14:00';
  const problem = activityTimesProblem({ startsAt, endsAt, signupDeadline });
  if (problem) return problem;
  if (!/^[1-9]\d{0,3}$/.test(f.capacity)) return '名额是 1–9999 的整数';
  return { title: f.title.trim(), kind: f.kind, mode: f.mode, startsAt, endsAt, signupDeadline, place: f.place.trim(), capacity: Number(f.capacity), description: f.description.trim() };
}

/** 发起活动 (hosts): 沙龙 / 分会 / 打卡赛, online or offline, time, place, places and sign-up deadline. */
export default function NewActivityPage() {
  const create = useCreateActivity();
  const [form, setForm] = useState<Form>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof Form) => (e: { detail: { value: string } }) => setForm((f) => ({ ...f, [key]: e.detail.value }));
  const field = (key: keyof Form, label: string, placeholder: string, max: number) => (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input {...controlName(label)} className='field__input' value={form[key]} maxlength={max} placeholder={placeholder} onInput={set(key)} data-testid={`activity-${key}`} />
    </View>
  );
  const onCreate = async () => {
    const activity = toActivity(form);
    if (typeof activity === 'string') {
      setProblem(activity);
      return;
    }
    setProblem(null);
    const done = await create.submit(activity);
    if (!done) return;
    void Taro.showToast({ title: '活动已发布', icon: 'success' });
    void Taro.redirectTo({ url: `/subpackages/member/activity/index?id=${done.activity.id}` });
  };
  return (
    <View className='page'>
      <View className='card'>
        <View className='tabs'>
          {KINDS.map((k) => (
            <Text {...tapRole('tab', form.kind === k)} key={k} className={`tabs__item${form.kind === k ? ' is-active' : ''}`} onClick={() => setForm((f) => ({ ...f, kind: k }))}>
              {ACTIVITY_KIND_LABEL[k]}
            </Text>
          ))}
        </View>
        <View className='tabs'>
          {(['offline', 'online'] as const).map((m) => (
            <Text {...tapRole('tab', form.mode === m)} key={m} className={`tabs__item${form.mode === m ? ' is-active' : ''}`} onClick={() => setForm((f) => ({ ...f, mode: m }))}>
              {m === 'offline' ? '线下' : '线上'}
            </Text>
          ))}
        </View>
        {field('title', `活动名称（最多 ${ACTIVITY_LIMITS.title} 字）`, '例如：上海线下沙龙', ACTIVITY_LIMITS.title)}
        {field('startDay', '开始日期', '2026-12-05', 10)}
        {field('startTime', '开始时间（社群时间）', '14:00', 5)}
        {field('endDay', '结束日期（同一天可留空）', '2026-12-05', 10)}
        {field('endTime', '结束时间', '17:00', 5)}
        {field('deadlineDay', '报名截止日期', '2026-12-04', 10)}
        {field('deadlineTime', '报名截止时间', '22:00', 5)}
        {field('place', form.mode === 'online' ? '线上链接或群名' : '地点', form.mode === 'online' ? '腾讯会议号或链接' : '详细地址', ACTIVITY_LIMITS.place)}
        {field('capacity', '名额（满员后进入候补）', '30', 4)}
        <View className='field'>
          <Text className='field__label'>活动介绍</Text>
          <Textarea {...controlName('活动介绍')} className='field__input' value={form.description} maxlength={ACTIVITY_LIMITS.description} placeholder='流程、嘉宾、需要准备什么' onInput={set('description')} />
        </View>
        {problem ? <Text className='error-note'>{problem}</Text> : null}
        {create.error ? <ErrorNote error={create.error} /> : null}
        <Button className='btn btn--primary' loading={create.submitting} disabled={create.submitting} onClick={() => void onCreate()}>
          发布活动
        </Button>
      </View>
    </View>
  );
}
