import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useFaqSearch } from '../hooks/usePosts';
import { ErrorNote } from './ErrorNote';
import './ui.css';
import './content.css';
import { controlName } from './a11y';

/**
 * 搜索常见问题: keyword answers matching what the member typed ("这些答案也许能帮到你"), with
 * 已解决 counting the answer as a question not asked.
 */
export function FaqBox() {
  const [q, setQ] = useState('');
  const faq = useFaqSearch();
  const onSolved = async (faqId: string) => {
    if ((await faq.deflected.submit(faqId)) !== null) void Taro.showToast({ title: '很高兴帮到你', icon: 'success' });
  };
  return (
    <View className='card'>
      <Text className='section-title'>常见问题</Text>
      <View className='todo-row'>
        <Input className='field__input' value={q} placeholder='输入问题，例如：积分什么时候过期' {...controlName('搜索常见问题')} onInput={(e) => setQ(e.detail.value)} />
        <Button className='btn btn--small btn--primary' aria-label='搜索' onClick={() => void faq.search(q)}>
          搜索
        </Button>
      </View>
      {faq.error ? <ErrorNote error={faq.error} /> : null}
      {faq.entries && faq.entries.length === 0 ? <Text className='muted'>没有找到相关答案，可以换个说法，或在课程页向讲师提问。</Text> : null}
      {faq.entries && faq.entries.length > 0 ? <Text className='muted'>这些答案也许能帮到你</Text> : null}
      {(faq.entries ?? []).map((e) => (
        <View className='faq-hit' key={e.id} data-testid='faq-hit'>
          <Text className='todo-row__title'>{e.question}</Text>
          <Text className='post-row__excerpt'>{e.answer}</Text>
          <Button className='btn btn--small btn--ghost' aria-label={`已解决：${e.question}`} disabled={faq.deflected.submitting} onClick={() => void onSolved(e.id)}>
            已解决
          </Button>
        </View>
      ))}
    </View>
  );
}
