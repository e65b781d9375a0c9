import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useFaqSearch } from '../hooks/usePosts';
import './ui.css';
import './content.css';

/** Wait this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 500;
/** Shorter text is not searched (too vague to match). */
const MIN_CHARS = 3;

/**
 * Under a question box: keyword answers matching what the member is typing ("这些答案也许能帮到你").
 * 已解决 counts the answer as a question not asked and calls `onSolved` (e.g. to clear the box).
 */
export function FaqSuggestions({ text, onSolved }: { text: string; onSolved?: () => void }) {
  const faq = useFaqSearch();
  const { search } = faq;
  useEffect(() => {
    const q = text.trim();
    const timer = setTimeout(() => void search(q.length >= MIN_CHARS ? q : ''), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, search]);
  const hits = faq.entries ?? [];
  if (hits.length === 0) return null;
  const solved = async (faqId: string) => {
    if ((await faq.deflected.submit(faqId)) !== null) {
      void Taro.showToast({ title: '很高兴帮到你', icon: 'success' });
      onSolved?.();
    }
  };
  return (
    <View data-testid='faq-suggestions'>
      <Text className='muted'>这些答案也许能帮到你</Text>
      {hits.map((e) => (
        <View className='faq-hit' key={e.id}>
          <Text className='todo-row__title'>{e.question}</Text>
          <Text className='post-row__excerpt'>{e.answer}</Text>
          <Button className='btn btn--small btn--ghost' aria-label={`已解决，不用提问了：${e.question}`} disabled={faq.deflected.submitting} onClick={() => void solved(e.id)}>
            已解决
          </Button>
        </View>
      ))}
    </View>
  );
}
