import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CampaignNoteView } from '../../../../types/campaign';
import { CampaignNote } from '../../../components/CampaignNote';
import { ErrorNote } from '../../../components/ErrorNote';
import { reviewProblem } from '../../../core/formRules';
import { useHostedCampaigns, useReviewQueue } from '../../../hooks/useCampaigns';
import { controlName, tapRole } from '../../../components/a11y';

function ReviewItem({ note, busy, onReview }: { note: CampaignNoteView; busy: boolean; onReview: (comment: string, featured: boolean) => void }) {
  const [comment, setComment] = useState('');
  const [featured, setFeatured] = useState(note.featured);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const found = reviewProblem(comment, featured);
    setProblem(found);
    if (!found) onReview(comment.trim(), featured);
  };
  return (
    <View className='card' data-testid='review-item'>
      <CampaignNote note={note} />
      <Input {...controlName('点评')}
        className={`form-row__input review__input${problem ? ' is-invalid' : ''}`}
        value={comment}
        maxlength={300}
        placeholder='写一句点评'
        data-testid='review-comment'
        onInput={(e) => {
          setComment(e.detail.value);
          setProblem(null);
        }}
      />
      {problem ? (
        <Text className='field__error' data-testid='review-problem'>
          {problem}
        </Text>
      ) : null}
      <View className='chip-row'>
        <Text
          className={`chip${featured ? ' is-on' : ''}`}
          onClick={() => {
            setFeatured(!featured);
            setProblem(null);
          }}
        >
          {featured ? '★ 已设为精选' : '☆ 设为精选'}
        </Text>
      </View>
      <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={submit}>
        提交点评
      </Button>
    </View>
  );
}

/** 点评打卡 (hosts): unreviewed notes oldest first, or the reviewed history; filter by campaign and day; comment and mark 精选. */
export default function ReviewQueuePage() {
  const campaigns = useHostedCampaigns();
  const [campaignId, setCampaignId] = useState<string | undefined>(undefined);
  const [dayText, setDayText] = useState('');
  const [reviewed, setReviewed] = useState(false);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(dayText) ? dayText : undefined;
  const queue = useReviewQueue({ campaignId, day, reviewed });

  const onReview = async (noteId: string, comment: string, featured: boolean) => {
    const done = await queue.review(noteId, comment, featured);
    if (done) void Taro.showToast({ title: '已点评', icon: 'success' });
  };

  return (
    <View className='page'>
      <View className='card'>
        <View className='tabs'>
          <Text {...tapRole('tab', !(reviewed))} className={`tabs__item${reviewed ? '' : ' is-active'}`} onClick={() => setReviewed(false)}>
            待点评
          </Text>
          <Text {...tapRole('tab', reviewed)} className={`tabs__item${reviewed ? ' is-active' : ''}`} onClick={() => setReviewed(true)}>
            已点评
          </Text>
        </View>
        <Text className='form-hint'>按打卡营筛选</Text>
        <View className='chip-row'>
          <Text {...tapRole('tab', campaignId === undefined)} className={`chip${campaignId === undefined ? ' is-on' : ''}`} onClick={() => setCampaignId(undefined)}>
            全部
          </Text>
          {(campaigns.data ?? []).map((c) => (
            <Text {...tapRole('tab', campaignId === c.id)} key={c.id} className={`chip${campaignId === c.id ? ' is-on' : ''}`} onClick={() => setCampaignId(c.id)}>
              {c.title}
            </Text>
          ))}
        </View>
        <View className='form-row'>
          <Text>按日期筛选</Text>
          <Input {...controlName('按日期筛选')} className='form-row__input form-row__input--wide' value={dayText} placeholder='YYYY-MM-DD（空为全部）' data-testid='review-day' onInput={(e) => setDayText(e.detail.value)} />
        </View>
      </View>
      {queue.error ? <ErrorNote error={queue.error} onRetry={() => void queue.refresh()} /> : null}
      {queue.actionError ? <ErrorNote error={queue.actionError} /> : null}
      {queue.items.map((n) =>
        reviewed ? (
          <View className='card' key={n.id} data-testid='reviewed-item'>
            <CampaignNote note={n} />
          </View>
        ) : (
          <ReviewItem key={n.id} note={n} busy={queue.busy === `review:${n.id}`} onReview={(comment, featured) => void onReview(n.id, comment, featured)} />
        ),
      )}
      {queue.items.length === 0 && !queue.loading ? (
        <View className='card'>
          <Text className='muted'>{reviewed ? '还没有点评过的打卡。' : '没有待点评的打卡，辛苦了！'}</Text>
        </View>
      ) : null}
      {queue.hasMore ? (
        <Button className='btn btn--ghost' loading={queue.loading} onClick={() => void queue.more()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
