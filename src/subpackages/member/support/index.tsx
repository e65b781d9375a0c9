import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { CaseAbout, CaseKind, QuestionTopic } from '../../../../types/support';
import { FaqSuggestions } from '../../../components/FaqSuggestions';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { ABOUT_LABEL, CASE_KIND_LABEL, CASE_STATE_LABEL, QUESTION_TOPICS, SUPPORT_LIMITS, TOPIC_LABEL } from '../../../core/support';
import { useImagePicker, useKnowledge, useSupportHome } from '../../../hooks/useSupport';
import { SupportImages } from '../../../components/SupportImages';
import { useSessionKey } from '../../../hooks/useSessionKey';
import { showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';
import { controlName } from '../../../components/a11y';

type Tab = 'ask' | 'kb' | 'case';
const QUESTION_STATE: Record<'open' | 'answered' | 'accepted', string> = { open: '等待回答', answered: '已有回答', accepted: '已采纳' };
const ABOUTS: CaseAbout[] = ['order', 'lesson', 'points', 'member', 'other'];

const openQuestion = (id: string) => void Taro.navigateTo({ url: `/subpackages/member/support-item/index?question=${id}` });
const openCase = (id: string) => void Taro.navigateTo({ url: `/subpackages/member/support-item/index?case=${id}` });

/** 求助中心: ask a question (with a spot for FAQ suggestions), browse answered questions, file a complaint or dispute, and follow my own. */
export default function SupportPage() {
  const { params } = useRouter();
  const session = useSessionKey();
  const home = useSupportHome(session.sessionKey);
  const [tab, setTab] = useState<Tab>(params.tab === 'case' ? 'case' : params.tab === 'kb' ? 'kb' : 'ask');
  const [text, setText] = useState('');
  const lessonId = params.lesson ?? '';
  const [topic, setTopic] = useState<QuestionTopic>(lessonId ? 'lesson' : 'other');
  const [kind, setKind] = useState<CaseKind>('complaint');
  const [about, setAbout] = useState<CaseAbout>('order');
  const [orderId, setOrderId] = useState('');
  const [otherCode, setOtherCode] = useState('');
  const [caseText, setCaseText] = useState('');
  const [sort, setSort] = useState<'new' | 'useful'>('new');
  const kb = useKnowledge({ sort });
  const askPhotos = useImagePicker(SUPPORT_LIMITS.images);
  const casePhotos = useImagePicker(SUPPORT_LIMITS.images);
  const data = home.data;
  if (!data) return <PageStatus error={home.error} onRetry={() => void home.reload()} />;

  const onAsk = async () => {
    const photos = askPhotos.images.length > 0 ? { images: askPhotos.images } : {};
    const q = await home.ask.submit(lessonId && topic === 'lesson' ? { text: text.trim(), topic, lessonId, ...photos } : { text: text.trim(), topic, ...photos });
    if (q) {
      setText('');
      askPhotos.reset();
      void Taro.showToast({ title: '已提交问题', icon: 'success' });
    }
  };
  const onFile = async () => {
    const input =
      kind === 'dispute'
        ? { kind, text: caseText.trim(), otherCode: otherCode.trim() }
        : { kind, text: caseText.trim(), about, ...(about === 'order' && orderId ? { orderId } : {}) };
    const c = await home.file.submit(casePhotos.images.length > 0 ? { ...input, images: casePhotos.images } : input);
    if (c) {
      setCaseText('');
      casePhotos.reset();
      void Taro.showToast({ title: '已提交', icon: 'success' });
      openCase(c.id);
    }
  };

  return (
    <View className='page'>
      <View className='card'>
        <View className='tabs'>
          {(['ask', 'kb', 'case'] as Tab[]).map((t) => (
            <Text key={t} className={`tabs__item${tab === t ? ' is-active' : ''}`} onClick={() => setTab(t)}>
              {t === 'ask' ? '提问' : t === 'kb' ? '问答库' : '投诉与纠纷'}
            </Text>
          ))}
        </View>
      </View>

      {tab === 'ask' ? (
        <View className='card'>
          <Text className='section-title'>{lessonId && topic === 'lesson' ? '就这节课提问' : '向社群提问'}</Text>
          <Textarea {...controlName('问题内容')}
            className='note__text'
            value={text}
            maxlength={SUPPORT_LIMITS.question}
            placeholder='把问题说清楚：遇到了什么、想知道什么。会员和群管都可以回答。'
            data-testid='ask-text'
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className='muted'>
            {text.trim().length}/{SUPPORT_LIMITS.question}
          </Text>
          <SupportImages images={askPhotos.images} max={SUPPORT_LIMITS.images} uploading={askPhotos.uploading} onAdd={() => void askPhotos.add()} onRemove={askPhotos.remove} />
          {askPhotos.error ? <ErrorNote error={askPhotos.error} /> : null}
          <FaqSuggestions text={text} onSolved={() => setText('')} />
          <View className='chip-row'>
            {QUESTION_TOPICS.map((t) => (
              <Text key={t} className={`chip${topic === t ? ' is-on' : ''}`} onClick={() => setTopic(t)}>
                {TOPIC_LABEL[t]}
              </Text>
            ))}
          </View>
          {home.ask.error ? <ErrorNote error={home.ask.error} /> : null}
          <Button className='btn btn--primary' disabled={text.trim().length === 0 || askPhotos.uploading} loading={home.ask.submitting} onClick={() => void onAsk()}>
            提交问题
          </Button>
        </View>
      ) : null}

      {tab === 'ask' ? (
        <View className='card'>
          <Text className='section-title'>我的提问</Text>
          {data.questions.length === 0 ? <EmptyState title='还没有提问' detail='提交的问题会出现在这里，有人回答时可以采纳最有帮助的一条。' /> : null}
          {data.questions.map((q) => (
            <View key={q.id} className='link-row' aria-label={`查看问题：${q.text}`} onClick={() => openQuestion(q.id)}>
              <View>
                <Text>{q.text}</Text>
                <Text className='muted'>
                  {showMonthDayTime(q.createdAt)} · {QUESTION_STATE[q.state]} · {q.answers} 个回答
                </Text>
              </View>
              <Text className='muted'>›</Text>
            </View>
          ))}
        </View>
      ) : null}

      {tab === 'kb' ? (
        <View className='card'>
          <View className='chip-row'>
            <Text className={`chip${sort === 'new' ? ' is-on' : ''}`} onClick={() => setSort('new')}>
              最新
            </Text>
            <Text className={`chip${sort === 'useful' ? ' is-on' : ''}`} onClick={() => setSort('useful')}>
              最有用
            </Text>
          </View>
          {kb.error ? <ErrorNote error={kb.error} onRetry={() => void kb.refresh()} /> : null}
          {kb.items.length === 0 && !kb.loading ? <EmptyState title='问答库还是空的' detail='问题有了回答就会收进问答库，大家都能查到。' /> : null}
          {kb.items.map((q) => (
            <View key={q.id} className='link-row' aria-label={`查看问题：${q.text}`} onClick={() => openQuestion(q.id)}>
              <View>
                <Text>{q.text}</Text>
                <Text className='muted'>
                  {TOPIC_LABEL[q.topic]} · {q.answers} 个回答{q.state === 'accepted' ? ' · 已采纳' : ''}
                </Text>
              </View>
              <Text className='muted'>›</Text>
            </View>
          ))}
          {kb.hasMore ? (
            <Button className='btn btn--ghost' loading={kb.loading} onClick={() => void kb.more()}>
              加载更多
            </Button>
          ) : null}
        </View>
      ) : null}

      {tab === 'case' ? (
        <View className='card'>
          <Text className='section-title'>投诉或纠纷</Text>
          <Text className='muted'>只有你、群管和群主（纠纷还有对方）能看到。</Text>
          <View className='chip-row'>
            {(['complaint', 'dispute'] as CaseKind[]).map((k) => (
              <Text key={k} className={`chip${kind === k ? ' is-on' : ''}`} onClick={() => setKind(k)}>
                {CASE_KIND_LABEL[k]}
              </Text>
            ))}
          </View>
          {kind === 'complaint' ? (
            <View className='chip-row'>
              {ABOUTS.map((a) => (
                <Text key={a} className={`chip${about === a ? ' is-on' : ''}`} onClick={() => setAbout(a)}>
                  关于{ABOUT_LABEL[a]}
                </Text>
              ))}
            </View>
          ) : (
            <View className='field'>
              <Text className='field__label'>对方的邀请码（在对方“我的”页可以看到）</Text>
              <Input {...controlName('对方的邀请码')} className='field__input' value={otherCode} maxlength={12} placeholder='例如 7KQ2MB' data-testid='other-code' onInput={(e) => setOtherCode(e.detail.value)} />
              <Text className='muted'>你的邀请码是 {data.inviteCode}，对方向你发起纠纷时也用它。</Text>
            </View>
          )}
          {kind === 'complaint' && about === 'order' ? (
            <View className='chip-row'>
              {data.orders.length === 0 ? <Text className='muted'>你还没有订单。</Text> : null}
              {data.orders.slice(0, 10).map((o) => (
                <Text key={o.id} className={`chip${orderId === o.id ? ' is-on' : ''}`} onClick={() => setOrderId(o.id)}>
                  {o.itemTitle} · {showMonthDayTime(o.createdAt)}
                </Text>
              ))}
            </View>
          ) : null}
          <Textarea {...controlName('投诉或纠纷内容')}
            className='note__text'
            value={caseText}
            maxlength={SUPPORT_LIMITS.caseText}
            placeholder='发生了什么、希望怎么处理。'
            data-testid='case-text'
            onInput={(e) => setCaseText(e.detail.value)}
          />
          <SupportImages images={casePhotos.images} max={SUPPORT_LIMITS.images} uploading={casePhotos.uploading} onAdd={() => void casePhotos.add()} onRemove={casePhotos.remove} />
          {casePhotos.error ? <ErrorNote error={casePhotos.error} /> : null}
          {home.file.error ? <ErrorNote error={home.file.error} /> : null}
          <Button className='btn btn--primary' disabled={caseText.trim().length === 0 || casePhotos.uploading} loading={home.file.submitting} onClick={() => void onFile()}>
            提交{CASE_KIND_LABEL[kind]}
          </Button>
        </View>
      ) : null}

      {tab === 'case' ? (
        <View className='card'>
          <Text className='section-title'>我的投诉与纠纷</Text>
          {data.cases.length === 0 ? <EmptyState title='没有进行中的事项' detail='提交后可以在这里看到处理进度和结果。' /> : null}
          {data.cases.map((c) => (
            <View key={c.id} className='link-row' aria-label={`查看${CASE_KIND_LABEL[c.kind]}：${c.text}`} onClick={() => openCase(c.id)}>
              <View>
                <Text>
                  【{CASE_KIND_LABEL[c.kind]}】{c.text}
                </Text>
                <Text className='muted'>
                  {showMonthDayTime(c.createdAt)} · {CASE_STATE_LABEL[c.state]}
                  {c.myPart === 'other' ? ' · 对方提交' : ''}
                </Text>
              </View>
              <Text className='muted'>›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
