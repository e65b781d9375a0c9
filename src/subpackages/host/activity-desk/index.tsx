import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { ErrorNote } from '../../../components/ErrorNote';
import { ACTIVITY_LIMITS, MAX_AWARD_POINTS } from '../../../core/activities';
import { useActivity } from '../../../hooks/useActivities';
import '../../../components/ui.css';
import '../../../components/lesson.css';
import { controlName } from '../../../components/a11y';

/** 活动管理 (hosts): the roster with 签到, the summary, and prize points for chosen members (once each, with a reason). */
export default function ActivityDeskPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const page = useActivity(activityId);
  const [summary, setSummary] = useState('');
  const [awardee, setAwardee] = useState<string | null>(null);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const data = page.data;
  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const { activity: a } = data;
  const roster = data.roster ?? [];
  const started = a.status === 'ongoing' || a.status === 'ended';
  const pointsOk = /^\d+$/.test(points) && Number(points) >= 1 && Number(points) <= MAX_AWARD_POINTS;
  const onAward = async () => {
    if (!awardee) return;
    const r = await page.award.submit(awardee, Number(points), reason.trim());
    if (r) {
      setAwardee(null);
      setPoints('');
      setReason('');
      void Taro.showToast({ title: `已发放 ${r.points} 积分`, icon: 'success' });
    }
  };
  const onSummary = async () => {
    if (await page.summarize.submit(summary.trim())) {
      setSummary('');
      void Taro.showToast({ title: '总结已保存', icon: 'success' });
    }
  };
  const error = page.checkIn.error ?? page.award.error ?? page.summarize.error;
  const attended = roster.filter((s) => s.attendedAt).length;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>{a.title}</Text>
        <Text className='muted'>
          报名 {a.confirmed}/{a.capacity} · 候补 {a.waitlisted} · 已签到 {attended}
        </Text>
      </View>
      {error ? <ErrorNote error={error} /> : null}
      <View className='card'>
        <Text className='section-title'>报名名单</Text>
        {roster.length === 0 ? <Text className='muted'>还没有人报名。</Text> : null}
        {roster.map((s) => (
          <View className='question' key={s.memberId} data-testid='roster-row'>
            <View className='question__main'>
              <Text className='question__text'>{s.nickname}</Text>
              <Text className='question__meta'>
                {s.status === 'waitlist' ? `候补第 ${s.position} 位` : s.attendedAt ? '已签到' : '已报名'}
                {s.award ? ` · 奖励 ${s.award.points} 积分（${s.award.reason}）` : ''}
              </Text>
            </View>
            {s.status === 'confirmed' && !s.attendedAt ? (
              <Button className='btn btn--small btn--ghost' disabled={page.checkIn.submitting} onClick={() => void page.checkIn.submit(s.memberId)}>
                签到
              </Button>
            ) : null}
            {started && s.status === 'confirmed' && !s.award ? (
              <Button className='btn btn--small btn--ghost' onClick={() => setAwardee(s.memberId)}>
                发奖
              </Button>
            ) : null}
          </View>
        ))}
      </View>
      {awardee ? (
        <View className='card'>
          <Text className='section-title'>奖励 {roster.find((s) => s.memberId === awardee)?.nickname}</Text>
          <View className='field'>
            <Text className='field__label'>积分（1–{MAX_AWARD_POINTS}）</Text>
            <Input {...controlName('奖励积分')} className='field__input' type='number' value={points} onInput={(e) => setPoints(e.detail.value.trim())} />
          </View>
          <View className='field'>
            <Text className='field__label'>原因（会员可见）</Text>
            <Input {...controlName('奖励原因')} className='field__input' value={reason} maxlength={ACTIVITY_LIMITS.reason} placeholder='例如：沙龙最佳分享' onInput={(e) => setReason(e.detail.value)} />
          </View>
          <Button className='btn btn--primary' disabled={!pointsOk || reason.trim().length === 0 || page.award.submitting} onClick={() => void onAward()}>
            确认发放
          </Button>
        </View>
      ) : null}
      {started ? (
        <View className='card'>
          <Text className='section-title'>活动总结</Text>
          {a.summary ? <Text className='outline'>{a.summary}</Text> : null}
          <View className='field'>
            <Textarea {...controlName('活动总结')} className='field__input' value={summary} maxlength={ACTIVITY_LIMITS.summary} placeholder='到场人数、亮点、下次改进' onInput={(e) => setSummary(e.detail.value)} />
          </View>
          <Button className='btn btn--primary' disabled={summary.trim().length === 0 || page.summarize.submitting} onClick={() => void onSummary()}>
            {a.summary ? '更新总结' : '保存总结'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
