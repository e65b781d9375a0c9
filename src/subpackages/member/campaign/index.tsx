import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { CampaignNote } from '../../../components/CampaignNote';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { useCampaign } from '../../../hooks/useCampaigns';
import { controlName, tappable } from '../../../components/a11y';
import { Stat } from '../../../components/Stat';

/** 打卡营 page: today's prompt and check-in with a note, my progress and notes with comments, completion rate, leaderboard and 精选. */
export default function CampaignPage() {
  const { params } = useRouter();
  if (!params.id) return <EmptyState title='没有找到这个打卡营' detail='从「我的 › 打卡营」选择一个正在进行的打卡营。' />;
  return <CampaignContent campaignId={params.id} />;
}

function CampaignContent({ campaignId }: { campaignId: string }) {
  const camp = useCampaign(campaignId);
  const page = camp.data;
  const c = page?.campaign;

  const onCheckIn = async () => {
    const done = await camp.checkIn();
    if (done) {
      const title = done.rewardPaid > 0 ? `全勤完成！+${done.rewardPaid} 积分` : `打卡成功，第 ${done.progress.days} 天`;
      void Taro.showToast({ title, icon: 'none' });
    }
  };

  return (
    <View className='page'>
      {camp.error && !page ? <ErrorNote error={camp.error} onRetry={() => void camp.reload()} /> : null}
      {page && c ? (
        <View>
          <View className='card'>
            <Text className='section-title'>{c.title}</Text>
            <Text className='profile__meta'>
              {c.startDay} – {c.endDay} · {c.hostName} 带营 · 全勤奖 {c.reward} 积分
            </Text>
            <View className='checkin-card__stats camp__stats'>
              <Stat value={`${page.me.days}/${c.length}`} label='我的进度' testId='camp-progress' />
              <Stat value={c.participants} label='参加人数' />
              <Stat value={page.todayRate === null ? '—' : `${Math.round(page.todayRate * 100)}%`} label='今日完成率' testId='camp-rate' />
            </View>
            {page.meanFirstReviewSeconds !== null ? (
              <Text className='form-hint'>平均首次点评用时 {Math.round(page.meanFirstReviewSeconds / 60)} 分钟</Text>
            ) : null}
          </View>

          <View className='card'>
            {page.todayIndex !== null ? <Text className='section-title'>第 {page.todayIndex} 天 · 今日题目</Text> : null}
            <Text className='note__body'>{c.prompt}</Text>
            {camp.actionError ? <ErrorNote error={camp.actionError} /> : null}
            {!page.me.joined ? (
              c.phase !== 'ended' ? (
                <Button className='btn btn--primary' loading={camp.busy === 'join'} onClick={() => void camp.join()}>
                  加入打卡营
                </Button>
              ) : (
                <Text className='muted'>打卡营已结束。</Text>
              )
            ) : page.me.checkedToday ? (
              <Button className='btn btn--done' disabled>
                今日已打卡
              </Button>
            ) : page.todayIndex !== null ? (
              <View>
                <Textarea {...controlName('打卡笔记')}
                  className='note__text'
                  value={camp.text}
                  maxlength={500}
                  placeholder={c.noteRequired ? '写下今天的打卡笔记（必填）' : '写下今天的打卡笔记（选填）'}
                  data-testid='camp-text'
                  onInput={(e) => camp.setText(e.detail.value)}
                />
                <View className='note__images'>
                  {camp.images.map((ref) => (
                    <View key={ref} className='note__thumb'>
                      <Image className='note__img' src={ref} mode='aspectFill' />
                      <Text {...tappable('删除这张图片')} className='note__remove' onClick={() => camp.removeImage(ref)}>
                        ×
                      </Text>
                    </View>
                  ))}
                  {camp.images.length < 3 ? (
                    <View {...tappable('添加图片')} className='note__thumb note__add' onClick={() => void camp.addImages()}>
                      <Text>{camp.busy === 'upload' ? '上传中…' : `+ 图片（${camp.images.length}/3）`}</Text>
                    </View>
                  ) : null}
                </View>
                <Button className='btn btn--primary' loading={camp.busy?.startsWith('checkin') ?? false} disabled={camp.busy !== null} onClick={() => void onCheckIn()}>
                  打卡
                </Button>
              </View>
            ) : (
              <Text className='muted'>{c.phase === 'upcoming' ? `${c.startDay} 开营，到时再来打卡。` : '打卡营已结束。'}</Text>
            )}
            {page.me.rewarded ? <Text className='checkin-card__hint'>全勤完成，已获得 {c.reward} 积分</Text> : null}
          </View>

          <View className='card'>
            <Text className='section-title'>排行榜</Text>
            {page.leaderboard.map((l, i) => (
              <View key={l.memberId} className='link-row' data-testid='camp-leader'>
                <Text>
                  {i + 1}. {l.nickname}
                </Text>
                <Text className='muted'>{l.days} 天</Text>
              </View>
            ))}
            {page.leaderboard.length === 0 ? <Text className='muted'>还没有人加入。</Text> : null}
          </View>

          {page.featured.length > 0 ? (
            <View className='card'>
              <Text className='section-title'>精选打卡</Text>
              {page.featured.map((n) => (
                <CampaignNote key={n.id} note={n} />
              ))}
            </View>
          ) : null}

          {page.myNotes.length > 0 ? (
            <View className='card'>
              <Text className='section-title'>我的打卡</Text>
              {page.myNotes.map((n) => (
                <CampaignNote key={n.id} note={n} showName={false} />
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
