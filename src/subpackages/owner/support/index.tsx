import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { CaseKind, SupportRulesView } from '../../../../types/support';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { SUPPORT_LIMITS } from '../../../core/support';
import { useSupportOwner } from '../../../hooks/useSupport';
import '../../../components/ui.css';
import { controlName } from '../../../components/a11y';

type ScriptKind = 'question' | CaseKind;
const KIND_LABEL: Record<ScriptKind, string> = { question: '答疑', complaint: '投诉', dispute: '纠纷' };

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const duration = (minutes: number | null) => (minutes === null ? '—' : minutes < 60 ? `${minutes} 分钟` : `${Math.round((minutes / 60) * 10) / 10} 小时`);

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <View className='figure-row'>
      <Text>{label}</Text>
      <Text className='figure-row__value'>{value}</Text>
    </View>
  );
}

const RULE_FIELDS: Array<[keyof SupportRulesView, string]> = [
  ['workStartHour', '上班时间（点）'],
  ['workEndHour', '下班时间（点）'],
  ['questionHours', '提问首次响应时限（工作小时）'],
  ['complaintHours', '投诉首次响应时限（工作小时）'],
  ['disputeHours', '纠纷处理时限（工作小时）'],
  ['ownerFactor', '超过时限几倍时提醒群主'],
  ['answerReward', '回答被采纳奖励（积分）'],
  ['answerDailyCap', '每人每天最多获奖次数'],
  ['reopenDays', '解决后可重新打开的天数'],
];

/** The desk's working hours, limits and rewards as a small form; 保存时限 sends them all. */
function RulesForm({ rules, onSave, saving }: { rules: SupportRulesView; onSave: (r: SupportRulesView) => void; saving: boolean }) {
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(RULE_FIELDS.map(([k]) => [k, String(rules[k])])));
  const parsed = Object.fromEntries(RULE_FIELDS.map(([k]) => [k, Number(draft[k])])) as unknown as SupportRulesView;
  const complete = RULE_FIELDS.every(([k]) => draft[k].trim() !== '' && Number.isInteger(Number(draft[k])));
  return (
    <View>
      {RULE_FIELDS.map(([k, label]) => (
        <View key={k} className='form-row'>
          <Text className='field__label'>{label}</Text>
          <Input className='field__input' type='number' value={draft[k]} maxlength={4} {...controlName(label)} onInput={(e) => setDraft({ ...draft, [k]: e.detail.value })} />
        </View>
      ))}
      <Button className='btn btn--primary' disabled={!complete} loading={saving} onClick={() => onSave(parsed)}>
        保存时限
      </Button>
    </View>
  );
}

/** 客服数据与话术 (owner): response times in working hours, self-organisation rates, satisfaction, per host; and the reply scripts. */
export default function SupportOwnerPage() {
  const [days, setDays] = useState(30);
  const page = useSupportOwner(days);
  const [kind, setKind] = useState<ScriptKind>('question');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const data = page.data;
  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const m = data.metrics;
  const onSave = async () => {
    if (await page.save.submit({ kind, title: title.trim(), body: body.trim() })) {
      setTitle('');
      setBody('');
      void Taro.showToast({ title: '话术已保存', icon: 'success' });
    }
  };
  return (
    <View className='page'>
      <View className='card'>
        <View className='chip-row'>
          {[7, 30, 90].map((d) => (
            <Text key={d} className={`chip${days === d ? ' is-on' : ''}`} onClick={() => setDays(d)}>
              近 {d} 天
            </Text>
          ))}
        </View>
        <Text className='section-title'>答疑</Text>
        <Figure label='提问数' value={String(m.questions)} />
        <Figure label='首次响应（中位数，工作时间）' value={duration(m.medianFirstResponseMinutes)} />
        <Figure label='首次响应（P90）' value={duration(m.p90FirstResponseMinutes)} />
        <Figure label='时限内响应占比' value={pct(m.answeredWithinSla)} />
        <Figure label='会员回答占比（群内自答）' value={pct(m.answeredByMembers)} />
        <Text className='section-title'>投诉与纠纷</Text>
        <Figure label='投诉数' value={String(m.complaints)} />
        <Figure label='投诉首次响应（中位数）' value={duration(m.complaintMedianResponseMinutes)} />
        <Figure label='纠纷数' value={String(m.disputes)} />
        <Figure label='纠纷处理时长（中位数）' value={duration(m.medianDisputeMinutes)} />
        <Figure label='纠纷自行和解率' value={pct(m.disputeSelfResolution)} />
        <Figure label='满意度' value={m.satisfaction === null ? '—' : `${m.satisfaction} / 5（${m.ratings} 条评价）`} />
        <Figure label='重新打开率' value={pct(m.reopenRate)} />
      </View>
      <View className='card'>
        <Text className='section-title'>群管表现</Text>
        {m.perHost.length === 0 ? <Text className='muted'>这段时间还没有群管处理过事项。</Text> : null}
        {m.perHost.map((h) => (
          <Figure key={h.name} label={h.name} value={`处理 ${h.handled} · 响应 ${duration(h.medianResponseMinutes)} · 满意度 ${h.satisfaction ?? '—'}`} />
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>工作时间与时限</Text>
        <Text className='muted'>时限只在工作时间内计时，夜间暂停。</Text>
        {page.saveRules.error ? <ErrorNote error={page.saveRules.error} /> : null}
        <RulesForm
          rules={data.rules}
          saving={page.saveRules.submitting}
          onSave={(r) =>
            void page.saveRules.submit(r).then((done) => {
              if (done) void Taro.showToast({ title: '时限已保存', icon: 'success' });
            })
          }
        />
      </View>
      <View className='card'>
        <Text className='section-title'>话术</Text>
        <Text className='muted'>可用占位：{'{会员}'} {'{订单}'} {'{日期}'}，群管插入时自动填好。</Text>
        {data.scripts.map((s) => (
          <View key={s.id} className='log-entry'>
            <Text className='log-entry__line'>
              【{KIND_LABEL[s.kind]}】{s.title}
            </Text>
            <Text className='log-entry__meta'>{s.body}</Text>
          </View>
        ))}
        <View className='chip-row'>
          {(['question', 'complaint', 'dispute'] as ScriptKind[]).map((k) => (
            <Text key={k} className={`chip${kind === k ? ' is-on' : ''}`} onClick={() => setKind(k)}>
              {KIND_LABEL[k]}
            </Text>
          ))}
        </View>
        <Input {...controlName('话术标题')} className='field__input' value={title} maxlength={SUPPORT_LIMITS.scriptTitle} placeholder='话术标题' data-testid='script-title' onInput={(e) => setTitle(e.detail.value)} />
        <Textarea {...controlName('话术内容')} className='note__text' value={body} maxlength={SUPPORT_LIMITS.scriptBody} placeholder='{会员}您好，……' data-testid='script-body' onInput={(e) => setBody(e.detail.value)} />
        {page.save.error ? <ErrorNote error={page.save.error} /> : null}
        <Button className='btn btn--primary' disabled={!title.trim() || !body.trim()} loading={page.save.submitting} onClick={() => void onSave()}>
          保存话术
        </Button>
      </View>
    </View>
  );
}
