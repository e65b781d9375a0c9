import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { LessonInput, LessonView, WatchView } from '../../../../types/lessons';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { LESSON_LIMITS, WATCH_LABEL, lessonTimesProblem } from '../../../core/lessonRules';
import { useLessonEditor } from '../../../hooks/useLessons';
import { instantInCommunity, showClock, showDay } from '../../../services/time';
import '../../../components/ui.css';
import { controlName, tapRole } from '../../../components/a11y';

const KINDS: WatchView['kind'][] = ['meeting', 'channels', 'note'];

interface Form {
  title: string;
  lecturer: string;
  day: string;
  start: string;
  end: string;
  outline: string;
  cover: string;
  watchKind: WatchView['kind'];
  watchValue: string;
  capacity: string;
}

const EMPTY: Form = { title: '', lecturer: '', day: '', start: '20:00', end: '21:00', outline: '', cover: '', watchKind: 'meeting', watchValue: '', capacity: '' };

/** The lesson a form describes, or the first problem with it (in Chinese). */
function toLesson(f: Form): LessonInput | string {
  if (!f.title.trim()) return '请填写课程标题';
  if (!f.lecturer.trim()) return '请填写讲师';
  const startsAt = instantInCommunity(f.day.trim(), f.start.trim());
  const endsAt = instantInCommunity(f.day.trim(), f.end.trim());
  if (!startsAt || !endsAt) return '日期写成 2026-12-01，时间写成 20:00';
  const problem = lessonTimesProblem({ startsAt, endsAt });
  if (problem) return problem;
  if (f.capacity && !/^[1-9]\d{0,4}$/.test(f.capacity)) return '人数上限是 1–99999 的整数，不限请留空';
  return {
    title: f.title.trim(),
    lecturer: f.lecturer.trim(),
    startsAt,
    endsAt,
    outline: f.outline.trim(),
    ...(f.cover.trim() ? { cover: f.cover.trim() } : {}),
    ...(f.watchValue.trim() ? { watch: { kind: f.watchKind, value: f.watchValue.trim() } } : {}),
    ...(f.capacity ? { capacity: Number(f.capacity) } : {}),
  };
}

/** 发布 / 编辑直播课 (hosts): title, lecturer, time, outline, where to watch, capacity; publish or save a draft. */
export default function LessonEditPage() {
  const { params } = useRouter();
  const lessonId = params.id ?? '';
  const editor = useLessonEditor(lessonId);
  const existing = editor.data?.lesson ?? null;
  // The form mounts once with the lesson's values: native inputs must not change value before they are drawn.
  if (lessonId && !existing) return <PageStatus error={editor.error} onRetry={() => void editor.reload()} />;
  return <LessonForm editor={editor} existing={existing} />;
}

function formOf(existing: LessonView): Form {
  return {
    title: existing.title,
    lecturer: existing.lecturer,
    day: showDay(existing.startsAt),
    start: showClock(existing.startsAt),
    end: showClock(existing.endsAt),
    outline: existing.outline,
    cover: existing.cover ?? '',
    watchKind: existing.watch?.kind ?? 'meeting',
    watchValue: existing.watch?.value ?? '',
    capacity: existing.capacity ? String(existing.capacity) : '',
  };
}

function LessonForm({ editor, existing }: { editor: ReturnType<typeof useLessonEditor>; existing: LessonView | null }) {
  const [form, setForm] = useState<Form>(() => (existing ? formOf(existing) : EMPTY));
  const [problem, setProblem] = useState<string | null>(null);

  const set = (key: keyof Form) => (e: { detail: { value: string } }) => setForm((f) => ({ ...f, [key]: e.detail.value }));

  const onSave = async (draft: boolean) => {
    const lesson = toLesson(form);
    if (typeof lesson === 'string') {
      setProblem(lesson);
      return;
    }
    setProblem(null);
    const saved = await editor.save.submit(lesson, draft);
    if (!saved) return;
    const note = saved.notified > 0 ? `，已通知 ${saved.notified} 位预约者` : '';
    void Taro.showToast({ title: draft ? '草稿已保存' : `已发布${note}`, icon: 'success' });
    void Taro.redirectTo({ url: `/subpackages/member/lesson/index?id=${saved.lesson.id}` });
  };

  const field = (key: keyof Form, label: string, placeholder: string, max: number) => (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input {...controlName(label)} className='field__input' value={form[key]} maxlength={max} placeholder={placeholder} onInput={set(key)} data-testid={`lesson-${key}`} />
    </View>
  );

  const isDraft = existing?.status === 'draft';
  return (
    <View className='page'>
      <View className='card'>
        {field('title', `课程标题（最多 ${LESSON_LIMITS.title} 字）`, '例如：社群拉新的三个方法', LESSON_LIMITS.title)}
        {field('lecturer', '讲师', '例如：王老师', LESSON_LIMITS.lecturer)}
        {field('day', '日期', '2026-12-01', 10)}
        {field('start', '开始时间（社群时间）', '20:00', 5)}
        {field('end', '结束时间（最长 12 小时）', '21:00', 5)}
        <View className='field'>
          <Text className='field__label'>大纲（最多 {LESSON_LIMITS.outline} 字）</Text>
          <Textarea {...controlName('课程大纲')} className='field__input' value={form.outline} maxlength={LESSON_LIMITS.outline} placeholder='这节课讲什么' onInput={set('outline')} />
        </View>
        <View className='field'>
          <Text className='field__label'>观看方式</Text>
          <View className='tabs'>
            {KINDS.map((k) => (
              <Text {...tapRole('tab', form.watchKind === k)} key={k} className={`tabs__item${form.watchKind === k ? ' is-active' : ''}`} onClick={() => setForm((f) => ({ ...f, watchKind: k }))}>
                {WATCH_LABEL[k]}
              </Text>
            ))}
          </View>
          <Input {...controlName('观看方式')} className='field__input' value={form.watchValue} maxlength={LESSON_LIMITS.watch} placeholder='视频号直播 ID、会议链接或说明' onInput={set('watchValue')} />
        </View>
        {field('cover', '封面图片地址（选填）', 'https://…', LESSON_LIMITS.cover)}
        {field('capacity', '签到人数上限（选填，不限请留空）', '例如 300', 5)}
        {problem ? <Text className='error-note'>{problem}</Text> : null}
        {editor.save.error ? <ErrorNote error={editor.save.error} /> : null}
        <Button className='btn btn--primary' loading={editor.save.submitting} disabled={editor.save.submitting} onClick={() => void onSave(false)}>
          {existing && !isDraft ? '保存修改' : '发布'}
        </Button>
        {!existing || isDraft ? (
          <Button className='btn btn--ghost' disabled={editor.save.submitting} onClick={() => void onSave(true)}>
            存为草稿
          </Button>
        ) : null}
        {existing && !isDraft ? <Text className='muted'>修改开课时间会通知已设置提醒的会员。</Text> : null}
      </View>
    </View>
  );
}
