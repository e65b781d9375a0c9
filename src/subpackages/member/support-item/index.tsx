import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { CaseEntryView, CaseView, ScriptView } from '../../../../types/support';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { SlaClock } from '../../../components/SlaClock';
import { SupportImages } from '../../../components/SupportImages';
import { ABOUT_LABEL, CASE_KIND_LABEL, CASE_STATE_LABEL, SUPPORT_LIMITS, TOPIC_LABEL, fillScript } from '../../../core/support';
import { useCase, useCaseEntries, useQuestion } from '../../../hooks/useSupport';
import { REASON_LABEL } from '../../../core/labels';
import { showDateWords, showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';
import { controlName } from '../../../components/a11y';

/** 问答与处理: one question with its answers, or one complaint / dispute with its history, from the caller's side. */
export default function SupportItemPage() {
  const { params } = useRouter();
  if (params.case) return <CaseScreen caseId={params.case} />;
  return <QuestionScreen questionId={params.question ?? ''} />;
}

function QuestionScreen({ questionId }: { questionId: string }) {
  const page = useQuestion(questionId);
  const [text, setText] = useState('');
  const data = page.data;
  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const q = data.question;
  const canAccept = q.state !== 'accepted' && (q.mine || data.staff);
  const onAnswer = async () => {
    if (await page.answer.submit(text.trim())) {
      setText('');
      void Taro.showToast({ title: '已回答', icon: 'success' });
    }
  };
  const onAccept = async (answerId: string) => {
    const r = await page.accept.submit(answerId);
    if (r) void Taro.showToast({ title: r.paid > 0 ? `已采纳，回答者得 ${r.paid} 积分` : '已采纳', icon: 'none' });
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>{q.text}</Text>
        <Text className='muted'>
          {q.askerName} · {showMonthDayTime(q.createdAt)} · {TOPIC_LABEL[q.topic]}
        </Text>
        <SupportImages images={q.images} />
        {q.clock ? <SlaClock clock={q.clock} /> : null}
      </View>
      <View className='card'>
        <Text className='section-title'>{data.answers.length} 个回答</Text>
        {page.accept.error ? <ErrorNote error={page.accept.error} /> : null}
        {data.answers.map((a) => (
          <View key={a.id} className='log-entry'>
            <Text className='log-entry__line'>{a.text}</Text>
            <Text className='log-entry__meta'>
              {a.byName}
              {a.byStaff ? '（群管）' : ''} · {showMonthDayTime(a.createdAt)}
              {a.accepted ? ' · 已采纳' : ''}
            </Text>
            {canAccept ? (
              <Button className='btn btn--small btn--ghost' aria-label={`采纳${a.byName}的回答`} loading={page.accept.submitting} onClick={() => void onAccept(a.id)}>
                采纳这个回答
              </Button>
            ) : null}
          </View>
        ))}
        {data.answers.length === 0 ? <Text className='muted'>还没有人回答。知道答案就帮一把吧，被采纳可以得积分。</Text> : null}
      </View>
      <View className='card'>
        <Text className='section-title'>我来回答</Text>
        <Textarea {...controlName('写下你的回答')} className='note__text' value={text} maxlength={SUPPORT_LIMITS.answer} placeholder='写下你的回答' data-testid='answer-text' onInput={(e) => setText(e.detail.value)} />
        {page.answer.error ? <ErrorNote error={page.answer.error} /> : null}
        <Button className='btn btn--primary' disabled={text.trim().length === 0} loading={page.answer.submitting} onClick={() => void onAnswer()}>
          提交回答
        </Button>
      </View>
    </View>
  );
}

function CaseScreen({ caseId }: { caseId: string }) {
  const page = useCase(caseId);
  const [text, setText] = useState('');
  const [score, setScore] = useState(0);
  const [points, setPoints] = useState('');
  const data = page.data;
  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const c = data.case;
  const done = (title: string) => {
    setText('');
    void Taro.showToast({ title, icon: 'success' });
  };
  const step = async (which: 'respond' | 'resolve' | 'escalate' | 'reopen' | 'settle' | 'take', title: string) => {
    if (await page.step.submit(which, text.trim())) done(title);
  };
  const error = page.step.error ?? page.rate.error ?? page.remedy.error;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>
          【{CASE_KIND_LABEL[c.kind]}】{CASE_STATE_LABEL[c.state]}
        </Text>
        <Text className='outline'>{c.text}</Text>
        <SupportImages images={c.images} />
        <Text className='muted'>
          {c.filerName} · {showMonthDayTime(c.createdAt)} · 关于{ABOUT_LABEL[c.about]}
          {c.aboutLabel ? `：${c.aboutLabel}` : ''}
        </Text>
        {c.clock ? <SlaClock clock={c.clock} /> : null}
        {c.reply ? (
          <Text className='outline'>
            {c.otherName} 的说明：{c.reply.text}
          </Text>
        ) : null}
        {c.resolution ? <Text className='ok-note'>处理结果：{c.resolution}</Text> : null}
        {c.remedies.map((r) => (
          <Text key={`${r.kind}:${r.at}`} className='ok-note'>
            {r.label}（{showMonthDayTime(r.at)}）
          </Text>
        ))}
        {c.rating ? <Text className='muted'>评价：{'★'.repeat(c.rating.score)} {c.rating.comment}</Text> : null}
      </View>

      {error ? <ErrorNote error={error} /> : null}

      {c.myPart ? <PartyActions c={c} text={text} setText={setText} step={step} page={page} score={score} setScore={setScore} /> : null}
      {data.staff && !c.myPart ? (
        <StaffActions c={c} scripts={data.scripts} text={text} setText={setText} step={step} points={points} setPoints={setPoints} page={page} onDone={done} />
      ) : null}

      <View className='card'>
        <Text className='section-title'>处理记录</Text>
        {c.events.map((e, i) => (
          <View key={`${e.at}-${i}`} className='log-entry'>
            <Text className='log-entry__line'>
              {e.byName} {e.what}
            </Text>
            <Text className='log-entry__meta'>{showMonthDayTime(e.at)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

interface ActionProps {
  c: CaseView;
  text: string;
  setText: (v: string) => void;
  step: (which: 'respond' | 'resolve' | 'escalate' | 'reopen' | 'settle' | 'take', title: string) => Promise<void>;
  page: ReturnType<typeof useCase>;
}

function PartyActions({ c, text, setText, step, page, score, setScore }: ActionProps & { score: number; setScore: (n: number) => void }) {
  const canRespond = c.kind === 'dispute' && c.myPart === 'other' && !c.reply && c.state !== 'resolved';
  const canSettle = c.kind === 'dispute' && c.state !== 'resolved' && !(c.myPart === 'filer' ? c.settled.filer : c.settled.other);
  const canReopen = c.myPart === 'filer' && c.state === 'resolved' && c.reopenUntil !== null && Date.now() <= Date.parse(c.reopenUntil);
  const canRate = c.myPart === 'filer' && c.state === 'resolved' && !c.rating;
  if (!canRespond && !canSettle && !canReopen && !canRate) return null;
  const onRate = async () => {
    if (await page.rate.submit(score, text.trim())) {
      setText('');
      void Taro.showToast({ title: '感谢评价', icon: 'success' });
    }
  };
  return (
    <View className='card'>
      {canRate ? (
        <View>
          <Text className='section-title'>对这次处理满意吗？</Text>
          <View className='chip-row'>
            {[1, 2, 3, 4, 5].map((n) => (
              <Text key={n} className={`chip${score === n ? ' is-on' : ''}`} aria-label={`${n} 星`} onClick={() => setScore(n)}>
                {n} 星
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      <Textarea
        {...controlName(canRespond ? '说说你这一方的情况' : canRate ? '评价或重新打开的原因' : '不满意的原因')}
        className='note__text'
        value={text}
        maxlength={SUPPORT_LIMITS.reply}
        placeholder={canRespond ? '说说你这一方的情况（只能说明一次）' : canRate ? '可以写几句评价（选填）；不满意也可以写下原因后重新打开' : '不满意的原因'}
        data-testid='party-text'
        onInput={(e) => setText(e.detail.value)}
      />
      <View className='row-actions'>
        {canRespond ? (
          <Button className='btn btn--small btn--primary' disabled={!text.trim()} loading={page.step.submitting} onClick={() => void step('respond', '已提交说明')}>
            提交我的说明
          </Button>
        ) : null}
        {canSettle ? (
          <Button className='btn btn--small btn--ghost' loading={page.step.submitting} onClick={() => void step('settle', '已确认和解')}>
            我们已和解
          </Button>
        ) : null}
        {canRate ? (
          <Button className='btn btn--small btn--primary' disabled={score === 0} loading={page.rate.submitting} onClick={() => void onRate()}>
            提交评价
          </Button>
        ) : null}
        {canReopen ? (
          <Button className='btn btn--small btn--ghost' disabled={!text.trim()} loading={page.step.submitting} onClick={() => void step('reopen', '已重新打开')}>
            不满意，重新打开
          </Button>
        ) : null}
      </View>
    </View>
  );
}

function StaffActions({
  c,
  scripts,
  text,
  setText,
  step,
  points,
  setPoints,
  page,
  onDone,
}: ActionProps & { scripts: ScriptView[]; points: string; setPoints: (v: string) => void; onDone: (title: string) => void }) {
  if (c.state === 'resolved') return null;
  const mine = scripts.filter((s) => s.kind === c.kind);
  const insert = (s: ScriptView) => setText(fillScript(s.body, { name: c.filerName, order: c.aboutLabel ?? undefined, date: showDateWords(Date.now(), false) }));
  const goodwill = Number(points);
  const remedy = async (kind: 'refund' | 'goodwill') => {
    const note = text.trim() || (kind === 'refund' ? '订单问题退款' : '补偿');
    const r = await page.remedy.submit(kind === 'refund' ? { kind, orderId: c.orderId ?? undefined, note } : { kind, points: goodwill, note });
    if (r) onDone(kind === 'refund' ? '已退款' : '已补偿');
  };
  return (
    <View className='card'>
      <Text className='section-title'>处理</Text>
      {c.state === 'open' || c.state === 'escalated' ? (
        <Button className='btn btn--primary' loading={page.step.submitting} onClick={() => void step('take', '已受理')}>
          受理
        </Button>
      ) : null}
      {mine.length > 0 ? (
        <View className='chip-row'>
          {mine.map((s) => (
            <Text key={s.id} className='chip' aria-label={`插入话术：${s.title}`} onClick={() => insert(s)}>
              话术：{s.title}
            </Text>
          ))}
        </View>
      ) : null}
      <Textarea {...controlName('处理结果（会员能看到），或上报原因')} className='note__text' value={text} maxlength={SUPPORT_LIMITS.resolution} placeholder='处理结果（会员能看到），或上报原因' data-testid='staff-text' onInput={(e) => setText(e.detail.value)} />
      <View className='row-actions'>
        <Button className='btn btn--small btn--primary' disabled={!text.trim()} loading={page.step.submitting} onClick={() => void step('resolve', '已解决')}>
          给出处理结果
        </Button>
        {c.state !== 'escalated' ? (
          <Button className='btn btn--small btn--ghost' disabled={!text.trim()} loading={page.step.submitting} onClick={() => void step('escalate', '已上报群主')}>
            上报群主
          </Button>
        ) : null}
      </View>
      <Text className='section-title'>补救（记入积分明细，与此事关联）</Text>
      <View className='row-actions'>
        {c.orderId && !c.remedies.some((r) => r.kind === 'refund') ? (
          <Button className='btn btn--small btn--ghost' loading={page.remedy.submitting} onClick={() => void remedy('refund')}>
            取消订单并退积分
          </Button>
        ) : null}
      </View>
      <ReversePicker c={c} note={text.trim()} page={page} onDone={onDone} />
      {c.remedies.some((r) => r.kind === 'goodwill') ? null : (
        <View className='field'>
          <Text className='field__label'>补偿积分（1–1000）</Text>
          <Input {...controlName('补偿积分（1–1000）')} className='field__input' type='number' value={points} maxlength={4} placeholder='例如 20' data-testid='goodwill-points' onInput={(e) => setPoints(e.detail.value)} />
          <Button className='btn btn--small btn--ghost' disabled={!(goodwill >= 1 && goodwill <= 1000)} loading={page.remedy.submitting} onClick={() => void remedy('goodwill')}>
            补偿积分
          </Button>
        </View>
      )}
    </View>
  );
}

/** Most characters of a remedy's written reason (the server's 处理说明 limit). */
const REMEDY_NOTE_MAX = 100;

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;
const entryLabel = (e: CaseEntryView) => e.label ?? REASON_LABEL[e.reason];

/** 撤销积分: the parties' recent ledger entries; each reversal asks for a confirmation naming the member, the amount and the reason. */
function ReversePicker({ c, note, page, onDone }: { c: CaseView; note: string; page: ReturnType<typeof useCase>; onDone: (title: string) => void }) {
  const entries = useCaseEntries(c.id);
  const [problem, setProblem] = useState<string | null>(null);
  const onReverse = async (e: CaseEntryView) => {
    const why = !note ? '请先在上面的输入框写下撤销原因（会记入积分明细）' : note.length > REMEDY_NOTE_MAX ? `撤销原因最多 ${REMEDY_NOTE_MAX} 字，请缩短` : null;
    setProblem(why);
    if (why) return;
    const effect = e.delta > 0 ? `将从${e.memberName}的余额扣回 ${e.delta} 积分` : `将退还${e.memberName} ${-e.delta} 积分`;
    const { confirm } = await Taro.showModal({
      title: '撤销积分',
      content: `撤销${e.memberName}的「${entryLabel(e)}」${signed(e.delta)} 积分（${showMonthDayTime(e.createdAt)}），${effect}。原因：${note}`,
      confirmText: '确认撤销',
    });
    if (!confirm) return;
    if (await page.remedy.submit({ kind: 'reverse', entryId: e.id, note })) {
      onDone('已撤销');
      void entries.reload();
    }
  };
  return (
    <View className='field'>
      <Text className='field__label'>撤销积分记录（原因写在上面的输入框）</Text>
      {entries.error ? <ErrorNote error={entries.error} onRetry={() => void entries.reload()} /> : null}
      {problem ? (
        <View className='error-note' role='alert'>
          <Text>{problem}</Text>
        </View>
      ) : null}
      {(entries.data ?? []).map((e) => (
        <View key={e.id} className='link-row' data-testid='case-entry'>
          <Text>
            {e.memberName}（{e.party === 'filer' ? '提交人' : '对方'}）· {entryLabel(e)} · {signed(e.delta)} 积分 · {showMonthDayTime(e.createdAt)}
          </Text>
          <Button className='btn btn--small btn--ghost' aria-label={`撤销${e.memberName}的${entryLabel(e)} ${signed(e.delta)} 积分`} loading={page.remedy.submitting} onClick={() => void onReverse(e)}>
            撤销
          </Button>
        </View>
      ))}
      {entries.data && entries.data.length === 0 ? <Text className='muted'>当事人最近没有可撤销的积分记录。</Text> : null}
    </View>
  );
}
