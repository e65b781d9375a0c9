import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrorNote } from '../../../components/ErrorNote';
import { useCreateCampaign } from '../../../hooks/useCampaigns';
import { controlName, tapRole } from '../../../components/a11y';

const LENGTHS = [7, 14, 21];

/** 创建打卡营 (hosts): title, start day, 7/14/21 or custom length, daily prompt, completion reward, required note. */
export default function CampaignCreatePage() {
  const { create, busy, error } = useCreateCampaign();
  const [title, setTitle] = useState('');
  const [startDay, setStartDay] = useState('');
  const [length, setLength] = useState('7');
  const [prompt, setPrompt] = useState('');
  const [reward, setReward] = useState('100');
  const [noteRequired, setNoteRequired] = useState(true);

  const onCreate = async () => {
    const campaign = await create({
      title: title.trim(),
      startDay: startDay.trim(),
      length: /^\d+$/.test(length) ? Number(length) : Number.NaN,
      prompt: prompt.trim(),
      reward: /^\d+$/.test(reward) ? Number(reward) : Number.NaN,
      noteRequired,
    });
    if (campaign) {
      void Taro.showToast({ title: '打卡营已创建', icon: 'success' });
      void Taro.redirectTo({ url: `/subpackages/member/campaign/index?id=${campaign.id}` });
    }
  };

  return (
    <View className='page'>
      <View className='card'>
        <View className='form-row'>
          <Text>标题</Text>
          <Input {...controlName('打卡营名称')} className='form-row__input form-row__input--wide' value={title} maxlength={40} placeholder='如：21 天早起营' data-testid='camp-title' onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <View className='form-row'>
          <Text>开营日期</Text>
          <Input {...controlName('开始日期')} className='form-row__input form-row__input--wide' value={startDay} placeholder='YYYY-MM-DD' data-testid='camp-start' onInput={(e) => setStartDay(e.detail.value)} />
        </View>
        <Text className='form-hint'>天数</Text>
        <View className='chip-row'>
          {LENGTHS.map((n) => (
            <Text {...tapRole('tab', length === String(n))} key={n} className={`chip${length === String(n) ? ' is-on' : ''}`} onClick={() => setLength(String(n))}>
              {n} 天
            </Text>
          ))}
          <Input {...controlName('天数')} className='form-row__input form-row__input--short' type='number' value={length} data-testid='camp-length' onInput={(e) => setLength(e.detail.value)} />
        </View>
        <Text className='form-hint'>每日题目</Text>
        <Textarea {...controlName('每日题目')} className='note__text' value={prompt} maxlength={200} placeholder='每天打卡时回答的问题' data-testid='camp-prompt' onInput={(e) => setPrompt(e.detail.value)} />
        <View className='form-row'>
          <Text>全勤奖励积分</Text>
          <Input {...controlName('全勤奖积分')} className='form-row__input' type='number' value={reward} data-testid='camp-reward' onInput={(e) => setReward(e.detail.value)} />
        </View>
        <View className='chip-row'>
          <Text {...tapRole('tab', noteRequired)} className={`chip${noteRequired ? ' is-on' : ''}`} onClick={() => setNoteRequired(true)}>
            必须写笔记
          </Text>
          <Text {...tapRole('tab', !(noteRequired))} className={`chip${noteRequired ? '' : ' is-on'}`} onClick={() => setNoteRequired(false)}>
            笔记选填
          </Text>
        </View>
        {error ? <ErrorNote error={error} /> : null}
        <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={() => void onCreate()}>
          创建打卡营
        </Button>
      </View>
    </View>
  );
}
