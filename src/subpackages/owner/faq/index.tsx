import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { intProblem, textProblem } from '../../../core/formRules';
import { useFaqAdmin } from '../../../hooks/usePosts';
import '../../../components/ui.css';
import '../../../components/content.css';
import { controlName } from '../../../components/a11y';

/** 关键字回复 (owners): keyword answers members find from 首页 and the question box, with how often each answered a question not asked; the 每日话题 point rules; and whether members may start topics. */
export default function FaqAdminPage() {
  const faq = useFaqAdmin();
  const [editing, setEditing] = useState<string | null>(null);
  const [keywords, setKeywords] = useState('');
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [points, setPoints] = useState<string | null>(null);
  const [cap, setCap] = useState<string | null>(null);
  const [rulesProblem, setRulesProblem] = useState<string | null>(null);
  if (!faq.data) return <PageStatus error={faq.error} onRetry={() => void faq.reload()} />;
  const onSave = async () => {
    const words = keywords.split(/[,，、\s]+/).map((w) => w.trim()).filter(Boolean);
    const check = (words.length === 0 ? '请至少填写一个关键词' : null) ?? textProblem(question, '问题', 1, 100) ?? textProblem(answer, '答案', 1, 1000);
    if (check) return setProblem(check);
    setProblem(null);
    if (await faq.save.submit({ ...(editing ? { id: editing } : {}), keywords: words, question: question.trim(), answer: answer.trim() })) {
      setEditing(null);
      setKeywords('');
      setQuestion('');
      setAnswer('');
      void Taro.showToast({ title: '已保存', icon: 'success' });
    }
  };
  const current = faq.data.topicRules;
  const shownPoints = points ?? String(current.topicReplyPoints);
  const shownCap = cap ?? String(current.topicDailyCap);
  const onRules = async () => {
    const check = intProblem(shownPoints, '话题回复积分', 0, 1000) ?? intProblem(shownCap, '每日奖励话题数', 1, 50);
    if (check) return setRulesProblem(check);
    setRulesProblem(null);
    if (await faq.rules.submit(Number(shownPoints), Number(shownCap))) void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const onMemberPosts = async (open: boolean) => {
    if (await faq.memberPosts.submit(open)) void Taro.showToast({ title: open ? '已开放' : '已关闭', icon: 'success' });
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>会员发起话题：{current.membersMayPost ? '已开放' : '未开放'}</Text>
        <Text className='muted'>开放后，会员可以在首页发起话题（每人每天最多 3 个，内容会经过安全检查），讲师可以隐藏；回复会员话题不得积分。数据看板会统计会员自发话题数。</Text>
        {faq.memberPosts.error ? <ErrorNote error={faq.memberPosts.error} /> : null}
        <Button className={current.membersMayPost ? 'btn btn--ghost' : 'btn btn--primary'} aria-label={current.membersMayPost ? '关闭会员发起话题' : '开放会员发起话题'} disabled={faq.memberPosts.submitting} onClick={() => void onMemberPosts(!current.membersMayPost)}>
          {current.membersMayPost ? '关闭' : '开放'}
        </Button>
      </View>
      <View className='card'>
        <Text className='section-title'>问答（{faq.data.entries.length}）</Text>
        <Text className='muted'>“已解决”次数：会员看到答案后点了已解决、没有再提问的次数（每人每天每条计一次）。</Text>
        {faq.data.entries.map((e) => (
          <View
            className='todo-row'
            key={e.id}
            aria-label={`编辑：${e.question}`}
            onClick={() => {
              setEditing(e.id);
              setKeywords(e.keywords.join('、'));
              setQuestion(e.question);
              setAnswer(e.answer);
            }}
          >
            <View className='todo-row__main'>
              <Text className='todo-row__title'>{e.question}</Text>
              <Text className='todo-row__meta'>关键词：{e.keywords.join('、')}</Text>
            </View>
            <Text className='muted'>已解决 {e.deflections}</Text>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='section-title'>{editing ? '编辑问答' : '添加问答'}</Text>
        <Input className='field__input' value={keywords} placeholder='关键词，用顿号或空格分开：退款、退钱' {...controlName('关键词')} onInput={(e) => setKeywords(e.detail.value)} />
        <Input className='field__input' value={question} maxlength={100} placeholder='问题' {...controlName('问题')} onInput={(e) => setQuestion(e.detail.value)} />
        <Textarea className='field__input' value={answer} maxlength={1000} placeholder='答案' {...controlName('答案')} onInput={(e) => setAnswer(e.detail.value)} />
        {problem ? <Text className='error-note'>{problem}</Text> : null}
        {faq.save.error ? <ErrorNote error={faq.save.error} /> : null}
        <Button className='btn btn--primary' aria-label='保存问答' disabled={faq.save.submitting} onClick={() => void onSave()}>
          保存
        </Button>
      </View>
      <View className='card'>
        <Text className='section-title'>每日话题积分</Text>
        <Text className='muted'>会员每个话题首次回复得积分（填 0 关闭），每天最多奖励几个话题。</Text>
        <View className='field'>
          <Text className='field__label'>每次回复积分</Text>
          <Input className='field__input' type='number' value={shownPoints} {...controlName('话题回复积分')} onInput={(e) => setPoints(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>每天最多奖励话题数</Text>
          <Input className='field__input' type='number' value={shownCap} {...controlName('每日奖励话题数')} onInput={(e) => setCap(e.detail.value)} />
        </View>
        {rulesProblem ? <Text className='error-note'>{rulesProblem}</Text> : null}
        {faq.rules.error ? <ErrorNote error={faq.rules.error} /> : null}
        <Button className='btn btn--primary' aria-label='保存话题积分' disabled={faq.rules.submitting} onClick={() => void onRules()}>
          保存
        </Button>
      </View>
    </View>
  );
}
