import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import type { OnboardingStepKey, OnboardingView, ProfileValues } from '../../../../types/onboarding';
import { INTRO_MAX, nicknameFormatProblem, profileProblem } from '../../../core/entry';
import { textProblem } from '../../../core/formRules';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { uploadAvatar, useOnboarding } from '../../../hooks/useOnboarding';
import { controlName, tapRole } from '../../../components/a11y';

/** The owner's profile fields as inputs: text, one choice or several choices. */
function ProfileFields({ view, values, onChange }: { view: OnboardingView; values: ProfileValues; onChange: (next: ProfileValues) => void }) {
  return (
    <View>
      {view.profileFields.map((f) => (
        <View className='field' key={f.key}>
          <Text className='field__label'>
            {f.label}
            {f.required ? '（必填）' : '（选填）'}
          </Text>
          {f.kind === 'text' ? (
            <Input className='field__input' value={(values[f.key] as string | undefined) ?? ''} maxlength={50} {...controlName(f.label)} onInput={(e) => onChange({ ...values, [f.key]: e.detail.value })} />
          ) : (
            <View className='chip-row'>
              {f.options.map((o) => {
                const current = values[f.key];
                const on = Array.isArray(current) ? current.includes(o) : current === o;
                const toggle = () => {
                  if (f.kind === 'single') onChange({ ...values, [f.key]: o });
                  else {
                    const list = Array.isArray(current) ? current : [];
                    onChange({ ...values, [f.key]: on ? list.filter((x) => x !== o) : [...list, o] });
                  }
                };
                return (
                  <Text key={o} className={`chip${on ? ' is-on' : ''}`} aria-label={`${f.label}：${o}${on ? '（已选）' : ''}`} onClick={toggle}>
                    {o}
                  </Text>
                );
              })}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

/** 入群仪式: read and accept the 群规, set the nickname (and avatar on weapp), profile, self-introduction; the welcome gift comes with the last step. Afterwards: edit my profile. */
export default function OnboardingPage() {
  const { view, step, profile } = useOnboarding('ritual');
  const v = view.data;
  const [nickname, setNickname] = useState('');
  const [avatar, setAvatar] = useState<string | null>(null);
  const [values, setValues] = useState<ProfileValues>({});
  const [intro, setIntro] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!v) return;
    setNickname((n) => n || v.nickname);
    setValues((p) => (Object.keys(p).length > 0 ? p : v.profile));
    setIntro((t) => t || v.myIntro || '');
  }, [v]);
  if (!v) return <PageStatus error={view.error} onRetry={() => void view.reload()} />;
  if (v.status !== 'admitted') {
    return (
      <View className='page'>
        <View className='card'>
          <Text>入群后才能完成入群仪式。</Text>
          <Button className='btn btn--primary' onClick={() => void Taro.redirectTo({ url: '/subpackages/member/join/index' })}>
            查看入群申请
          </Button>
        </View>
      </View>
    );
  }
  const current: OnboardingStepKey | null = v.steps.find((s) => !s.done)?.key ?? null;
  const wasDone = v.completed;

  const run = async (key: OnboardingStepKey) => {
    setProblem(null);
    let found: string | null = null;
    if (key === 'nickname') found = textProblem(nickname, '昵称', 1, 20) ?? nicknameFormatProblem(v.nicknameFormat, nickname.trim());
    if (key === 'profile') found = profileProblem(v.profileFields, values);
    if (key === 'intro') found = textProblem(intro, '自我介绍', 1, INTRO_MAX);
    if (found) {
      setProblem(found);
      return;
    }
    const input = key === 'rules' ? { rulesVersion: v.rulesVersion } : key === 'nickname' ? { nickname: nickname.trim(), ...(avatar ? { avatar } : {}) } : key === 'profile' ? { profile: values } : { intro: intro.trim() };
    const next = await step.submit(key, input);
    if (next?.completed && !wasDone) {
      void Taro.showModal({ title: '入群仪式完成', content: v.welcomePoints > 0 ? `入群礼 ${v.welcomePoints} 积分已到账，可在积分明细查看。` : '欢迎正式加入社群！', showCancel: false, confirmText: '好的' });
    }
  };

  const chooseAvatar = async (e: { detail: { avatarUrl?: string } }) => {
    if (!e.detail.avatarUrl) return;
    try {
      setAvatar(await uploadAvatar(e.detail.avatarUrl));
    } catch {
      void Taro.showToast({ title: '头像上传失败，请重试', icon: 'none' });
    }
  };

  return (
    <View className='page'>
      {v.steps.length > 0 ? (
        <View className='card' data-testid='ritual-steps'>
          <Text className='section-title'>{v.completed ? '入群仪式已完成' : `完成入群仪式，领取 ${v.welcomePoints} 积分入群礼`}</Text>
          {v.steps.map((s, i) => (
            <View className='figure-row' key={s.key}>
              <Text>
                {i + 1}. {s.label}
              </Text>
              <Text className='figure-row__value'>{s.done ? '已完成' : s.key === current ? '进行中' : '待完成'}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {current === 'rules' || v.reacceptRules ? (
        <View className='card'>
          <Text className='section-title'>群规（第 {v.rulesVersion} 版）</Text>
          <Text className='rules-text'>{v.rules}</Text>
          <Button className='btn btn--primary' loading={step.submitting} disabled={step.submitting} onClick={() => void run('rules')}>
            我已阅读并同意
          </Button>
        </View>
      ) : null}
      {current === 'nickname' || current === null ? (
        <View className='card'>
          <Text className='section-title'>{current === 'nickname' ? '设置群昵称' : '修改昵称'}</Text>
          {process.env.TARO_ENV === 'weapp' && current === 'nickname' ? (
            <Button className='btn btn--ghost btn--small' openType='chooseAvatar' onChooseAvatar={(e) => void chooseAvatar(e as unknown as { detail: { avatarUrl?: string } })}>
              {avatar ? <Image src={avatar} style={{ width: '64px', height: '64px' }} /> : '选择头像'}
            </Button>
          ) : null}
          <View className='field'>
            <Text className='field__label'>{v.nicknameFormat ? `昵称格式：${v.nicknameFormat}` : '昵称（1–20 字）'}</Text>
            <Input className='field__input' type='nickname' value={nickname} maxlength={20} {...controlName('昵称')} onInput={(e) => setNickname(e.detail.value)} />
          </View>
          {current === 'nickname' ? (
            <Button className='btn btn--primary' loading={step.submitting} disabled={step.submitting} onClick={() => void run('nickname')}>
              保存昵称
            </Button>
          ) : (
            <Button
              className='btn btn--ghost'
              loading={profile.submitting}
              disabled={profile.submitting}
              onClick={() => {
                const found = textProblem(nickname, '昵称', 1, 20) ?? nicknameFormatProblem(v.nicknameFormat, nickname.trim());
                setProblem(found);
                if (!found) void profile.submit({ nickname: nickname.trim() }).then((r) => r && Taro.showToast({ title: '已保存', icon: 'success' }));
              }}
            >
              保存昵称
            </Button>
          )}
        </View>
      ) : null}
      {(current === 'profile' || current === null) && v.profileFields.length > 0 ? (
        <View className='card'>
          <Text className='section-title'>个人资料</Text>
          <ProfileFields view={v} values={values} onChange={setValues} />
          <Button
            className='btn btn--primary'
            loading={step.submitting || profile.submitting}
            disabled={step.submitting || profile.submitting}
            onClick={() => {
              if (current === 'profile') return void run('profile');
              const found = profileProblem(v.profileFields, values);
              setProblem(found);
              if (!found) void profile.submit({ profile: values }).then((r) => r && Taro.showToast({ title: '已保存', icon: 'success' }));
            }}
          >
            保存资料
          </Button>
        </View>
      ) : null}
      {current === 'intro' ? (
        <View className='card'>
          <Text className='section-title'>自我介绍</Text>
          <Text className='muted'>会发布到「新人介绍」墙，大家都能看到（最多 {INTRO_MAX} 字）。</Text>
          <Textarea className='field__input' value={intro} maxlength={INTRO_MAX} {...controlName('自我介绍')} placeholder='我是谁、在哪个城市、做什么、想在这里收获什么' onInput={(e) => setIntro(e.detail.value)} />
          <Button className='btn btn--primary' loading={step.submitting} disabled={step.submitting} onClick={() => void run('intro')}>
            发布并领取入群礼
          </Button>
        </View>
      ) : null}
      {problem ? <Text className='field__error'>{problem}</Text> : null}
      {step.error ? <ErrorNote error={step.error} /> : null}
      {profile.error ? <ErrorNote error={profile.error} /> : null}
      <View className='card'>
        <View {...tapRole('link')} className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/intros/index' })}>
          <Text>新人介绍墙</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>
    </View>
  );
}
